package io.freshet.pipeline.opensearch;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Where OpenSearch is, how to reach it securely and what the indices are called; the same for the writer and the
 * reader. The local run leaves the security settings unset: plain HTTP on loopback, no credentials.
 *
 * @param url            the cluster's HTTP address; {@code https://...} for a secured cluster
 * @param username       basic-auth user (the security plugin's internal user, or a managed service's master/fine-
 *                       grained user); unset for no authentication
 * @param password       its password; required with {@code username}, never logged
 * @param sslBundle      the Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>...}) holding the CA to trust
 *                       and, for client-certificate authentication, the client's certificate and key. Unset with an
 *                       https URL: the JVM's default trust store (a publicly trusted managed service)
 * @param chunkIndex     the passage index (vectors + BM25 text)
 * @param statusIndex    one record per document: version, state, chunk count, rejection reason
 * @param connectTimeout connect timeout of each request
 * @param socketTimeout  read timeout of each request
 */
@Validated
@ConfigurationProperties("freshet.opensearch")
public record OpenSearchProperties(
        @NotNull @DefaultValue("http://127.0.0.1:9200") URI url,
        String username,
        String password,
        String sslBundle,
        @NotBlank @DefaultValue("freshet-chunks") String chunkIndex,
        @NotBlank @DefaultValue("freshet-documents") String statusIndex,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration socketTimeout,
        @Min(1) @DefaultValue("1") int shards,
        @Min(0) @DefaultValue("0") int replicas) {

    @ConstructorBinding
    public OpenSearchProperties {
        username = blankToNull(username);
        password = blankToNull(password);
        sslBundle = blankToNull(sslBundle);
        if (url != null) {
            String scheme = url.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
                throw new IllegalArgumentException("freshet.opensearch.url must be http://host[:port] or https://host[:port], not " + url);
            }
            if (url.getUserInfo() != null) {
                // A password in the URL ends up in logs and health details; it has its own property.
                throw new IllegalArgumentException("freshet.opensearch.url must not carry credentials; set "
                        + "freshet.opensearch.username and freshet.opensearch.password instead");
            }
            if (sslBundle != null && !"https".equals(scheme)) {
                throw new IllegalArgumentException("freshet.opensearch.ssl-bundle is set but freshet.opensearch.url is not https: " + url);
            }
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("freshet.opensearch.username and freshet.opensearch.password go together: "
                    + (username == null ? "a password is set without a username" : "username '" + username + "' has no password"));
        }
    }

    /** An unauthenticated cluster (the local run, tests). */
    public OpenSearchProperties(URI url, String chunkIndex, String statusIndex, Duration connectTimeout,
                                Duration socketTimeout, int shards, int replicas) {
        this(url, null, null, null, chunkIndex, statusIndex, connectTimeout, socketTimeout, shards, replicas);
    }

    /** True when requests carry basic-auth credentials. */
    public boolean hasCredentials() {
        return username != null;
    }

    /** The port, or the scheme's default when the URL has none (a managed service is often just https://host). */
    public int port() {
        return url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }

    /** Without the password: this record is printed by binding errors, the actuator and debuggers. */
    @Override
    public String toString() {
        return "OpenSearchProperties[url=" + url + ", username=" + username + ", password="
                + (password == null ? "null" : "******") + ", sslBundle=" + sslBundle + ", chunkIndex=" + chunkIndex
                + ", statusIndex=" + statusIndex + ", connectTimeout=" + connectTimeout + ", socketTimeout="
                + socketTimeout + ", shards=" + shards + ", replicas=" + replicas + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
