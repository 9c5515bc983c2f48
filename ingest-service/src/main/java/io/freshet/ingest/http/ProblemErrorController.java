package io.freshet.ingest.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside a controller (the servlet container refusing a request, a filter's {@code sendError}) as
 * problem+json too, instead of Boot's JSON error page. The detail is generic: the container's message may name
 * internals.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, switch (status) {
            case BAD_REQUEST -> "the request could not be read (its path, a header or the body is malformed)";
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "this method is not supported here";
            case INTERNAL_SERVER_ERROR -> "an internal error; the service's log has the details";
            default -> status.getReasonPhrase();
        });
        problem.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
