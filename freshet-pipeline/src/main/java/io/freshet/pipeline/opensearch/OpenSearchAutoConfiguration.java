package io.freshet.pipeline.opensearch;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The OpenSearch client and its health check, for the services that have opensearch-java on their classpath. Every
 * OpenSearch request of a service goes through this one client, so TLS and credentials set here cover them all.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(OpenSearchClient.class)
@EnableConfigurationProperties(OpenSearchProperties.class)
public class OpenSearchAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    OpenSearchTransport openSearchTransport(OpenSearchProperties properties, ObjectProvider<SslBundles> sslBundles) {
        URI url = properties.url();
        var host = new HttpHost(url.getScheme(), url.getHost(), properties.port());
        var builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper())
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setResponseTimeout(Timeout.of(properties.socketTimeout())));
        if (properties.hasCredentials()) {
            // Preemptive basic auth: no 401 round trip per connection, and no repeatable-body requirement.
            builder.setDefaultHeaders(new Header[]{new BasicHeader(HttpHeaders.AUTHORIZATION, basic(properties))});
        }
        if (properties.sslBundle() != null) {
            SslBundle bundle = requireBundle(sslBundles.getIfAvailable(), properties.sslBundle());
            var connections = PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnPerRoute(ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_PER_ROUTE)
                    .setMaxConnTotal(ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_TOTAL)
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                            .setSocketTimeout(Timeout.of(properties.socketTimeout()))
                            .build())
                    .setTlsStrategy(tlsStrategy(bundle))
                    .build();
            builder.setHttpClientConfigCallback(http -> http.setConnectionManager(connections));
        }
        // An https URL without a bundle keeps the transport's own TLS: the JVM's default trust store.
        return builder.build();
    }

    private static TlsStrategy tlsStrategy(SslBundle bundle) {
        var tls = ClientTlsStrategyBuilder.create().setSslContext(bundle.createSslContext());
        SslOptions options = bundle.getOptions();
        if (options.getEnabledProtocols() != null) {
            tls.setTlsVersions(options.getEnabledProtocols());
        }
        if (options.getCiphers() != null) {
            tls.setCiphers(options.getCiphers());
        }
        return tls.build(); // the default hostname verifier stays: the certificate must name the host
    }

    private static SslBundle requireBundle(SslBundles bundles, String name) {
        if (bundles == null) {
            throw new IllegalStateException("freshet.opensearch.ssl-bundle=" + name + " but no SSL bundles are configured");
        }
        try {
            return bundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new IllegalStateException("freshet.opensearch.ssl-bundle=" + name + " names no bundle; define "
                    + "spring.ssl.bundle.pem." + name + ".truststore.certificate (and .keystore.* for a client certificate)", e);
        }
    }

    private static String basic(OpenSearchProperties properties) {
        String pair = properties.username() + ":" + properties.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
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

    @Bean
    @ConditionalOnMissingBean
    StatusRecords statusRecords(OpenSearchClient client, OpenSearchProperties properties, OpenSearchCalls calls) {
        return new StatusRecords(client, properties.statusIndex(), calls);
    }

    /** On by default; a service that can work without OpenSearch turns it off with management.health.opensearch.enabled=false. */
    @Bean
    @ConditionalOnEnabledHealthIndicator("opensearch")
    OpenSearchHealthIndicator openSearchHealthIndicator(OpenSearchClient client, OpenSearchProperties properties) {
        return new OpenSearchHealthIndicator(client, properties);
    }
}
