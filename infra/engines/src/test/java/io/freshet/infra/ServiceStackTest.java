package io.freshet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    @Test
    void queryAndIngestTrustTheIssuerEachForItsOwnAudienceAndTheOthersAreUntouched(@TempDir Path keys) {
        try (LocalTokenIssuer issuer = LocalTokenIssuer.start(keys, 0)) {
            String jwt = "--spring.security.oauth2.resourceserver.jwt.";
            Map<String, List<String>> arguments = ServiceStack.tokenArguments(issuer);

            assertEquals(List.of(jwt + "issuer-uri=" + issuer.issuer(), jwt + "jwk-set-uri=" + issuer.issuer()
                    + "/.well-known/jwks.json", jwt + "audiences=freshet-query"), arguments.get(ServiceStack.QUERY));
            assertEquals(List.of(jwt + "issuer-uri=" + issuer.issuer(), jwt + "jwk-set-uri=" + issuer.issuer()
                    + "/.well-known/jwks.json", jwt + "audiences=freshet-intake"), arguments.get(ServiceStack.INGEST));

            Path repo = Path.of("/repo");
            for (ServiceStack.Service service : ServiceStack.standardPorts()) {
                List<String> command = ServiceStack.command(repo, service, "127.0.0.1:9092", "http://127.0.0.1:9200",
                        List.of("--freshet.kafka.partitions=6"), arguments);
                List<String> expectedTail = new java.util.ArrayList<>(List.of("--freshet.kafka.partitions=6"));
                expectedTail.addAll(arguments.getOrDefault(service.name(), List.of()));
                assertEquals(expectedTail, command.subList(command.size() - expectedTail.size(), command.size()),
                        service.name());
                int jar = command.indexOf("-jar");
                assertEquals(List.of("-jar", "/repo/" + service.name() + "/target/" + service.name() + "-exec.jar",
                        "--server.port=" + service.port()), command.subList(jar, jar + 3));
                // The pipeline's services compile with C1 only; the query path's keeps C2.
                boolean pipeline = !service.name().equals(ServiceStack.QUERY);
                assertEquals(pipeline, command.subList(0, jar).contains("-XX:TieredStopAtLevel=1"), service.name());
            }
        }
    }
}
