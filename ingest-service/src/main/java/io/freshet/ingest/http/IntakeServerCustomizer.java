package io.freshet.ingest.http;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat refuses an encoded slash or backslash itself, with an HTML page. Passed through undecoded instead, such a
 * request reaches Spring Security's firewall, which refuses it too, as a problem+json like every other error. Never
 * decoded: {@code a%2Fb} must not become the id {@code a/b}. What Tomcat still refuses itself (an encoded NUL) is
 * answered by {@link ProblemErrorReportValve}.
 */
@Component
class IntakeServerCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
        });
        // Closer to the application than Boot's HTML error valve, so it answers first.
        factory.addContextCustomizers(context -> context.getParent().getPipeline().addValve(new ProblemErrorReportValve()));
    }
}
