package io.freshet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceStackTest {

    @Test
    void theOverallStatusIsTheDocumentsOwnNotTheFirstComponents() {
        // As the services write it: properties in alphabetical order, so the components come first.
        String down = """
                {"components":{"diskSpace":{"details":{"path":"/w \\"x\\" {"},"status":"UP"},\
                "kafka":{"details":{"error":"java.util.concurrent.TimeoutException"},"status":"DOWN"}},"status":"DOWN"}""";
        assertEquals(Optional.of("DOWN"), HealthDocument.overallStatus(down));
        assertEquals(Optional.of("UP"), HealthDocument.overallStatus("{\"status\": \"UP\", \"components\": {}}"));
        assertEquals(Optional.empty(), HealthDocument.overallStatus("{\"components\":{\"db\":{\"status\":\"UP\"}}}"));
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

    @Test
    void moreInstancesOfAServiceRunOnPortsOfTheirOwnAndLogToFilesOfTheirOwn() {
        List<ServiceStack.Service> services = ServiceStack.freePorts(Map.of(ServiceStack.EMBED, 2, ServiceStack.INDEX, 3));

        assertEquals(List.of("ingest-service", "embed-service", "embed-service-2", "index-service", "index-service-2",
                "index-service-3", "query-service"), services.stream().map(ServiceStack.Service::instanceName).toList());
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (ServiceStack.Service service : services) {
            ports.add(service.port());
            if (service.managementPort() != service.port()) {
                ports.add(service.managementPort());
            }
        }
        // ingest and query have an actuator port of their own
        assertEquals(services.size() + 2, ports.size(), "every port distinct: " + services);
        ServiceStack.Service second = services.get(2);
        assertEquals(ServiceStack.EMBED, second.name());
        assertEquals(second.port(), second.managementPort(), "embed-service's actuator is on its only port");
        List<String> command = ServiceStack.command(Path.of("/repo"), second, "127.0.0.1:9092", "http://127.0.0.1:9200",
                List.of(), Map.of());
        assertTrue(command.contains("--server.port=" + second.port()), command.toString());
        assertTrue(command.contains("/repo/embed-service/target/embed-service-exec.jar"), "the same jar: " + command);
        // one instance each, as ./freshet up runs them: named as before
        assertEquals(List.of("ingest-service", "embed-service", "index-service", "query-service"),
                ServiceStack.standardPorts().stream().map(ServiceStack.Service::instanceName).toList());
    }
}
