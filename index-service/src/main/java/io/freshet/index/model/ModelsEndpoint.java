package io.freshet.index.model;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.lang.Nullable;

import java.util.Map;

/**
 * The operator's model change on index-service's (internal) port, not exposed unless
 * {@code management.endpoints.web.exposure.include} names {@code models} (docs/operations.md; {@code ./freshet up} does,
 * on 127.0.0.1): {@code GET /actuator/models}, and {@code POST /actuator/models/{model}} with
 * {@code {"action": "reindex" | "serve" | "rollback" | "retire", "force": false}}. {@code ./freshet models} and
 * {@code ./freshet reindex} call it.
 */
@Endpoint(id = "models")
public class ModelsEndpoint {

    private final ModelChange change;

    public ModelsEndpoint(ModelChange change) {
        this.change = change;
    }

    @ReadOperation
    public Map<String, Object> overview() {
        return change.overview();
    }

    /** 200 with the outcome; 400 for an unknown model or action, 409 when the change cannot be made now (why, in the body). */
    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> change(@Selector String model, String action, @Nullable Boolean force) {
        try {
            Map<String, Object> outcome = switch (action) {
                case "reindex" -> change.reindex(model);
                case "serve" -> change.serve(model, Boolean.TRUE.equals(force));
                case "rollback" -> change.rollback();
                case "retire" -> change.retire(model);
                default -> throw new IllegalArgumentException("action must be reindex, serve, rollback or retire, not '"
                        + action + "'");
            };
            return new WebEndpointResponse<>(outcome, WebEndpointResponse.STATUS_OK);
        } catch (IllegalArgumentException e) {
            return new WebEndpointResponse<>(Map.of("error", e.getMessage()), WebEndpointResponse.STATUS_BAD_REQUEST);
        } catch (IllegalStateException e) {
            return new WebEndpointResponse<>(Map.of("error", e.getMessage()), 409);
        }
    }
}
