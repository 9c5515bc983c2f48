package io.freshet.ingest.fetch;

import io.freshet.ingest.extraction.ExtractionRejectedException;
import io.freshet.ingest.extraction.RejectionKind;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which URIs ingest may fetch, against server-side request forgery: only http(s), no credentials in the URI,
 * only allowlisted origins (scheme, host and port), and only public addresses unless the origin is allowlisted as
 * private. Checked for the first URI and again at every redirect.
 *
 * <p>An entry is {@code [scheme://]host[:port]}: host names or IP literals (IPv6 in brackets when a port follows),
 * matched case-insensitively; "*.example.com" matches every subdomain of example.com (not example.com itself).
 * Without a scheme both http and https are allowed; without a port only the scheme's default port (80, 443): allowing
 * a host must not open its other services (an OpenSearch on :9200 of the same host answered every fetch).
 */
public final class FetchPolicy {

    /** Ranges an allowlisted private host may use; the rest (unspecified, multicast ...) are never fetched from. */
    private static final Set<String> PRIVATE_RANGES = Set.of("loopback", "link-local", "private", "carrier-grade NAT");
    private static final String PORT_HINT = " (an entry without a port allows only the scheme's default port)";

    private final List<String> allowedHosts;
    private final List<String> allowedPrivateHosts;
    private final List<Origin> allowed;
    private final List<Origin> allowedPrivate;

    /**
     * @param allowedHosts        origins that may be fetched from, at public addresses only
     * @param allowedPrivateHosts origins that may also resolve to loopback, link-local, private or shared (CGNAT)
     *                            addresses, e.g. an intranet file server; they need not be repeated in allowedHosts
     * @throws IllegalArgumentException for an entry that is not {@code [http[s]://]host[:port]}
     */
    public FetchPolicy(List<String> allowedHosts, List<String> allowedPrivateHosts) {
        this.allowedHosts = normalised(allowedHosts);
        this.allowedPrivateHosts = normalised(allowedPrivateHosts);
        this.allowed = this.allowedHosts.stream().map(e -> Origin.parse(e, "allowed-hosts")).toList();
        this.allowedPrivate = this.allowedPrivateHosts.stream().map(e -> Origin.parse(e, "allowed-private-hosts")).toList();
    }

    public List<String> allowedHosts() {
        return allowedHosts;
    }

    public List<String> allowedPrivateHosts() {
        return allowedPrivateHosts;
    }

    /**
     * Where to connect, once the URI's scheme, credentials, host and port pass.
     *
     * @throws ExtractionRejectedException (fetch refused) otherwise
     */
    public Target vetUri(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw refused((scheme == null ? "a relative URI" : "scheme '" + scheme + "'") + " is not fetched (http or https only)");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("credentials in the URI are not accepted");
        }
        String host = host(uri.getHost());
        if (host == null || host.isEmpty()) {
            throw refused("the URI names no host");
        }
        int port = uri.getPort() < 0 ? defaultPort(scheme) : uri.getPort();
        boolean privateAllowed = allowedPrivate.stream().anyMatch(o -> o.matches(scheme, host, port));
        if (privateAllowed || allowed.stream().anyMatch(o -> o.matches(scheme, host, port))) {
            return new Target(scheme, host, port, privateAllowed);
        }
        if (allowed.isEmpty() && allowedPrivate.isEmpty()) {
            throw refused("no hosts are allowed (freshet.ingest.fetch.allowed-hosts is empty)");
        }
        boolean hostKnown = allowed.stream().anyMatch(o -> o.matchesHost(host))
                || allowedPrivate.stream().anyMatch(o -> o.matchesHost(host));
        throw refused(hostKnown
                ? scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                        + " is not in freshet.ingest.fetch.allowed-hosts" + PORT_HINT
                : "host " + host + " is not in freshet.ingest.fetch.allowed-hosts");
    }

    /**
     * The host's addresses, once every one of them is acceptable: one forbidden address refuses the host, since
     * a client may connect to any of them.
     */
    public InetAddress[] vetAddresses(Target target, InetAddress[] addresses) {
        String host = target.host();
        for (InetAddress address : addresses) {
            Optional<String> range = forbiddenRange(address);
            if (range.isEmpty() || (target.privateAllowed() && PRIVATE_RANGES.contains(range.get()))) {
                continue;
            }
            throw refused(isLiteral(host) ? host + " is " + range.get()
                    : host + " resolves to " + address.getHostAddress() + ", which is " + range.get());
        }
        return addresses.clone();
    }

    /**
     * A vetted URI's origin.
     *
     * @param privateAllowed whether it may be at a loopback, link-local, private or CGNAT address
     */
    public record Target(String scheme, String host, int port, boolean privateAllowed) {
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** One allowlist entry; a null scheme or port means "http or https" and "the scheme's default port". */
    private record Origin(String scheme, String hostPattern, Integer port) {

        static Origin parse(String entry, String property) {
            String rest = entry;
            String scheme = null;
            int separator = rest.indexOf("://");
            if (separator >= 0) {
                scheme = rest.substring(0, separator);
                rest = rest.substring(separator + 3);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw invalid(entry, property, "only http and https are fetched");
                }
            }
            if (rest.contains("/") || rest.contains("@") || rest.contains("?") || rest.contains("#")) {
                throw invalid(entry, property, "an entry names an origin only: no path, credentials or query");
            }
            String host = rest;
            String port = null;
            if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0) {
                    throw invalid(entry, property, "an IPv6 literal needs its closing ']'");
                }
                host = rest.substring(1, close);
                String after = rest.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw invalid(entry, property, "expected ':port' after the IPv6 literal");
                    }
                    port = after.substring(1);
                }
            } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
                host = rest.substring(0, rest.indexOf(':'));
                port = rest.substring(rest.indexOf(':') + 1);
            } // else a bare IPv6 literal ("::1"): no port
            host = host(host);
            if (host.isEmpty() || host.equals("*") || host.equals("*.") || (host.startsWith("*.") && host.length() < 3)) {
                throw invalid(entry, property, "no host");
            }
            return new Origin(scheme, host, port == null ? null : port(entry, property, port));
        }

        private static int port(String entry, String property, String port) {
            try {
                int value = Integer.parseInt(port);
                if (value >= 1 && value <= 65535) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(entry, property, "the port must be a number from 1 to 65535");
        }

        private static IllegalArgumentException invalid(String entry, String property, String why) {
            return new IllegalArgumentException("freshet.ingest.fetch." + property + ": '" + entry
                    + "' is not [http[s]://]host[:port] (" + why + ")");
        }

        boolean matchesHost(String host) {
            return hostPattern.startsWith("*.") ? host.endsWith(hostPattern.substring(1)) : hostPattern.equals(host);
        }

        boolean matches(String uriScheme, String host, int uriPort) {
            if (scheme != null && !scheme.equals(uriScheme)) {
                return false;
            }
            int allowedPort = port != null ? port : defaultPort(uriScheme);
            return allowedPort == uriPort && matchesHost(host);
        }
    }

    /**
     * The non-public range an address is in ("loopback", "link-local", "private", "carrier-grade NAT",
     * "unspecified", "multicast", "reserved"), or empty for a public address. IPv6 forms that embed an
     * IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address.
     */
    public static Optional<String> forbiddenRange(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4Range(b);
        }
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                return ipv4Range(embedded);
            }
            if (address.isAnyLocalAddress()) {
                return Optional.of("unspecified");
            }
            if (address.isLoopbackAddress()) {
                return Optional.of("loopback");
            }
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0xfe && (second & 0xc0) == 0x80) {
                return Optional.of("link-local"); // fe80::/10
            }
            if ((first & 0xfe) == 0xfc || (first == 0xfe && (second & 0xc0) == 0xc0)) {
                return Optional.of("private"); // fc00::/7 unique local, fec0::/10 old site-local
            }
            if (first == 0xff) {
                return Optional.of("multicast");
            }
            return Optional.empty();
        }
        return Optional.of("reserved");
    }

    private static Optional<String> ipv4Range(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return Optional.of("unspecified"); // 0.0.0.0/8: Linux connects 0.0.0.0 to this host
        }
        if (first == 127) {
            return Optional.of("loopback");
        }
        if (first == 169 && second == 254) {
            return Optional.of("link-local"); // includes 169.254.169.254, the cloud metadata service
        }
        if (first == 10 || (first == 172 && (second & 0xf0) == 16) || (first == 192 && second == 168)) {
            return Optional.of("private");
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return Optional.of("carrier-grade NAT"); // 100.64.0.0/10
        }
        if (first >= 224 && first <= 239) {
            return Optional.of("multicast");
        }
        if (first >= 240) {
            return Optional.of("reserved"); // 240.0.0.0/4 and the broadcast address
        }
        return Optional.empty();
    }

    /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d or 2002:aabb:ccdd::, else null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0
                && ((b[12] | b[13] | b[14]) != 0 || (b[15] & 0xff) > 1); // not :: or ::1
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]}; // 6to4
        }
        return null;
    }

    /** "example.com" from "Example.COM." and "::1" from "[::1]". */
    static String host(String raw) {
        if (raw == null) {
            return null;
        }
        String host = raw.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host;
    }

    private static boolean isLiteral(String host) {
        if (host.contains(":")) {
            return true;
        }
        return host.matches("[0-9.]+");
    }

    private static List<String> normalised(List<String> hosts) {
        return hosts == null ? List.of()
                : hosts.stream().map(h -> h == null ? "" : h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    static ExtractionRejectedException refused(String why) {
        return new ExtractionRejectedException(RejectionKind.FETCH_REFUSED, "fetch refused: " + why);
    }

    /** Resolves a host name; an IP literal resolves to itself without a lookup. */
    @FunctionalInterface
    public interface HostResolver {

        InetAddress[] resolve(String host) throws UnknownHostException;

        static HostResolver system() {
            return InetAddress::getAllByName;
        }
    }
}
