package io.freshet.pipeline.opensearch;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

import java.net.URI;

/** The OpenSearch client and its health check, for the services that have opensearch-java on their classpath. */
@AutoConfiguration
@ConditionalOnClass(OpenSearchClient.class)
@EnableConfigurationProperties(OpenSearchProperties.class)
public class OpenSearchAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    OpenSearchTransport openSearchTransport(OpenSearchProperties properties) {
        URI url = properties.url();
        var host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
        return ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper())
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setResponseTimeout(Timeout.of(properties.socketTimeout())))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    OpenSearchClient openSearchClient(OpenSearchTransport transport) {
        return new OpenSearchClient(transport);
    }

    /** The guard every OpenSearch call goes through, behind the circuit breaker named "opensearch". */
    @Bean
    @ConditionalOnMissingBean
    OpenSearchCalls openSearchCalls(CircuitBreakerRegistry breakers) {
        return new OpenSearchCalls(breakers.circuitBreaker("opensearch"));
    }

    /** On by default; a service that can work without OpenSearch turns it off with management.health.opensearch.enabled=false. */
    @Bean
    @ConditionalOnEnabledHealthIndicator("opensearch")
    OpenSearchHealthIndicator openSearchHealthIndicator(OpenSearchClient client, OpenSearchProperties properties) {
        return new OpenSearchHealthIndicator(client, properties);
    }
}
