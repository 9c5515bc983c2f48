package io.freshet.ingest.fetch;

import io.freshet.contract.failure.TransientFailureException;
import io.freshet.ingest.change.ContentFetcher;
import io.freshet.ingest.extraction.ExtractionRejectedException;
import io.freshet.ingest.extraction.RejectionKind;
import io.freshet.ingest.extraction.TextExtractor;
import io.github.resilience4j.retry.Retry;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches content by reference over http(s) within {@link FetchLimits} and the {@link FetchPolicy}.
 *
 * <p>Against DNS rebinding, each host is resolved once, here, its addresses vetted, and the connection made
 * to exactly those addresses: the HTTP client's DNS resolver only hands out what was vetted. TLS still uses
 * the host name (SNI, certificate check). Redirects are followed by hand, each target vetted afresh.
 *
 * <p>Outcomes: the bytes; {@link ExtractionRejectedException} when policy refuses (fetch refused), the server
 * says no (fetch failed: HTTP 404) or the body is over the limit (too large); after the retry attempts for
 * timeouts, connection errors, HTTP 5xx, 408 and 429, a {@link TransientFailureException}, so the record
 * waits instead of being dead-lettered.
 */
public final class HttpContentFetcher implements ContentFetcher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpContentFetcher.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final FetchPolicy policy;
    private final FetchLimits limits;
    private final Retry retry;
    private final FetchPolicy.HostResolver resolver;
    private final TlsSocketStrategy tls = DefaultClientTlsStrategy.createDefault();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "content-fetch-deadline");
        thread.setDaemon(true);
        return thread;
    });

    public HttpContentFetcher(FetchPolicy policy, FetchLimits limits, Retry retry) {
        this(policy, limits, retry, FetchPolicy.HostResolver.system());
    }

    /** {@code resolver}: how host names are looked up (tests map names to chosen addresses). */
    public HttpContentFetcher(FetchPolicy policy, FetchLimits limits, Retry retry, FetchPolicy.HostResolver resolver) {
        this.policy = policy;
        this.limits = limits;
        this.retry = retry;
        this.resolver = resolver;
        retry.getEventPublisher().onRetry(event -> log.warn("Fetch attempt {} of {} failed, retrying in {} ms: {}",
                event.getNumberOfRetryAttempts(), limits.attempts(), event.getWaitInterval().toMillis(),
                event.getLastThrowable() == null ? "?" : event.getLastThrowable().getMessage()));
    }

    @Override
    public FetchedContent fetch(String reference) {
        URI uri;
        try {
            uri = new URI(reference.strip());
        } catch (URISyntaxException e) {
            throw FetchPolicy.refused("not a valid URI (" + e.getReason() + ")");
        }
        policy.vetUri(uri); // a refusal is final: no retry machinery for it
        try {
            return Retry.decorateSupplier(retry, () -> attempt(uri)).get();
        } catch (RetryableFetchException e) {
            throw new TransientFailureException("fetching " + shown(uri) + " failed " + limits.attempts()
                    + " time(s), last: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }

    /** One attempt: the URI and its redirects, all within one {@link FetchLimits#timeout()}. */
    private FetchedContent attempt(URI start) {
        VettedAddresses vetted = new VettedAddresses();
        AtomicReference<HttpGet> inFlight = new AtomicReference<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        // The client's timeouts bound each connect and each read; this bounds the attempt as a whole, so a
        // server trickling its body byte by byte is cut off too.
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            HttpGet request = inFlight.get();
            if (request != null) {
                request.cancel();
            }
        }, limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        URI current = start;
        try (CloseableHttpClient client = client(vetted)) {
            for (int redirects = 0; ; redirects++) {
                FetchPolicy.Target target = policy.vetUri(current); // scheme, host and port, at every hop
                vetted.put(target.host(), policy.vetAddresses(target, lookUp(target.host())));
                HttpGet request = new HttpGet(current);
                inFlight.set(request);
                if (timedOut.get()) {
                    throw new IOException("deadline passed");
                }
                try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
                    int status = response.getCode();
                    if (REDIRECTS.contains(status)) {
                        if (redirects >= limits.maxRedirects()) {
                            throw failed("more than " + limits.maxRedirects() + " redirects from " + shown(start));
                        }
                        current = redirectTarget(current, response);
                        log.debug("Following HTTP {} from {} to {}", status, shown(request.getUri()), shown(current));
                        continue;
                    }
                    if (status >= 200 && status < 300) {
                        return body(response, request);
                    }
                    if (status == 408 || status == 429 || status >= 500) {
                        throw new RetryableFetchException("HTTP " + status + " from " + shown(current), null);
                    }
                    throw failed("HTTP " + status);
                }
            }
        } catch (UnknownHostException e) {
            throw new RetryableFetchException("cannot resolve " + e.getMessage(), e);
        } catch (SSLException e) {
            if (timedOut.get()) {
                throw new RetryableFetchException(noResponse(), e);
            }
            // A certificate the JVM does not trust will not become trusted by retrying.
            throw failed("TLS with " + shown(current) + " failed (" + e.getMessage() + ")");
        } catch (IOException | URISyntaxException e) {
            // The per-read timeout is the attempt's budget too: whichever fires first, the server did not answer in time.
            if (timedOut.get() || e instanceof SocketTimeoutException) {
                throw new RetryableFetchException(noResponse(), e);
            }
            throw new RetryableFetchException(describe(e) + " (" + shown(current) + ")", e);
        } finally {
            deadline.cancel(false);
        }
    }

    private CloseableHttpClient client(VettedAddresses vetted) {
        Timeout readTimeout = Timeout.of(limits.timeout());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(vetted)
                        .setTlsSocketStrategy(tls)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(limits.connectTimeout()))
                                .setSocketTimeout(readTimeout)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(readTimeout).build())
                // Redirects are vetted here, retries are ours; no proxy (it would resolve names itself).
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("freshet-ingest")
                .build();
    }

    private InetAddress[] lookUp(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }

    private URI redirectTarget(URI from, ClassicHttpResponse response) {
        Header location = response.getFirstHeader("Location");
        if (location == null || location.getValue().isBlank()) {
            throw failed("HTTP " + response.getCode() + " redirect without a Location");
        }
        try {
            return from.resolve(new URI(location.getValue().strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw failed("redirect to an invalid URI from " + shown(from));
        }
    }

    private FetchedContent body(ClassicHttpResponse response, HttpGet request) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new FetchedContent(new byte[0], null);
        }
        long declared = entity.getContentLength();
        if (declared > limits.maxBytes()) {
            request.cancel(); // do not read (or drain) a body that will be refused
            throw new ExtractionRejectedException(RejectionKind.TOO_LARGE, "too large: "
                    + TextExtractor.humanSize(declared) + " over the " + TextExtractor.humanSize(limits.maxBytes()) + " limit");
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 8192), limits.maxBytes()));
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > limits.maxBytes()) {
                    request.cancel();
                    throw new ExtractionRejectedException(RejectionKind.TOO_LARGE, "too large: over the "
                            + TextExtractor.humanSize(limits.maxBytes()) + " limit (the download was stopped there)");
                }
                out.write(buffer, 0, n);
            }
            return new FetchedContent(out.toByteArray(), entity.getContentType());
        }
    }

    private String noResponse() {
        Duration timeout = limits.timeout();
        return "timed out: no complete response within " + (timeout.toMillis() % 1000 == 0
                ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms");
    }

    private static ExtractionRejectedException failed(String why) {
        return new ExtractionRejectedException(RejectionKind.FETCH_FAILED, "fetch failed: " + why);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** scheme://host:port/path: no credentials, no query (pre-signed URLs carry secrets there). */
    static String shown(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return (uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT) + "://") + host + port + path;
    }

    /** The HTTP client's only DNS: the addresses this attempt vetted, nothing else. */
    private static final class VettedAddresses implements DnsResolver {

        private final Map<String, InetAddress[]> byHost = new ConcurrentHashMap<>();

        void put(String host, InetAddress[] addresses) {
            byHost.put(FetchPolicy.host(host), addresses);
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = byHost.get(FetchPolicy.host(host));
            if (addresses == null) {
                throw new UnknownHostException(host + " (not vetted)");
            }
            return addresses.clone();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host; // no reverse lookups
        }
    }
}
