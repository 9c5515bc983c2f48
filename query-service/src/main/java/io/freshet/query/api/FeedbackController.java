package io.freshet.query.api;

import io.freshet.query.access.Caller;
import io.freshet.query.answer.feedback.FeedbackService;
import io.freshet.query.audit.QueryAudit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code POST /v1/feedback}: helpful or not, with an optional correction, on an answer the caller was given. It goes
 * to Kafka with the answer's sources; {@code ./freshet export-finetune} makes a fine-tuning set of it.
 */
@RestController
class FeedbackController {

    static final int MAX_CORRECTION_CHARS = 8000;

    record FeedbackRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,80}", message = "must be an answerId as an answer returned it")
            String answerId,
            @NotNull Boolean helpful,
            @Size(max = MAX_CORRECTION_CHARS) String correction) {
    }

    record FeedbackRecorded(String answerId, boolean recorded) {
    }

    private final FeedbackService feedback;
    private final QueryAudit audit;

    FeedbackController(FeedbackService feedback, QueryAudit audit) {
        this.feedback = feedback;
        this.audit = audit;
    }

    @PostMapping("/v1/feedback")
    @ResponseStatus(HttpStatus.ACCEPTED)
    FeedbackRecorded submit(Caller caller, @Valid @RequestBody FeedbackRequest request) {
        if (!feedback.submit(caller, request.answerId(), request.helpful(), request.correction())) {
            // The same for an unknown id and for someone else's answer: ids are not to be probed.
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "no answer '" + request.answerId() + "' was given to you recently"), null);
        }
        audit.record("feedback", caller, null, List.of());
        return new FeedbackRecorded(request.answerId(), true);
    }
}
