package io.freshet.infra;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceStackTest {

    @Test
    void theOverallStatusIsTheDocumentsOwnNotTheFirstComponents() {
        // As the services write it: properties in alphabetical order, so the components come first.
        String down = """
                {"components":{"diskSpace":{"details":{"path":"/w \\"x\\" {"},"status":"UP"},\
                "kafka":{"details":{"error":"java.util.concurrent.TimeoutException"},"status":"DOWN"}},"status":"DOWN"}""";
        assertEquals(Optional.of("DOWN"), ServiceStack.overallStatus(down));
        assertEquals(Optional.of("UP"), ServiceStack.overallStatus("{\"status\": \"UP\", \"components\": {}}"));
        assertEquals(Optional.empty(), ServiceStack.overallStatus("{\"components\":{\"db\":{\"status\":\"UP\"}}}"));
    }
}
