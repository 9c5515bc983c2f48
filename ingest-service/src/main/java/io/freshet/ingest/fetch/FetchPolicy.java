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
 * only allowlisted hosts, and only public addresses unless the host is allowlisted as private. Checked for the
 * first URI and again at every redirect.
 *
 * <p>Host patterns are names or IP literals, matched case-insensitively; "*.example.com" matches every
 * subdomain of example.com (not example.com itself).
 *
 * @param allowedHosts        hosts that may be fetched from, at public addresses only
 * @param allowedPrivateHosts hosts that may also resolve to loopback, link-local, private or shared (CGNAT)
 *                            addresses, e.g. an intranet file server; they need not be repeated in allowedHosts
 */
public record FetchPolicy(List<String> allowedHosts, List<String> allowedPrivateHosts) {

    /** Ranges an allowlisted private host may use; the rest (unspecified, multicast ...) are never fetched from. */
    private static final Set<String> PRIVATE_RANGES = Set.of("loopback", "link-local", "private", "carrier-grade NAT");

    public FetchPolicy {
        allowedHosts = normalised(allowedHosts);
        allowedPrivateHosts = normalised(allowedPrivateHosts);
    }

    /**
     * The host to connect to, once the URI's scheme, credentials and host pass.
     *
     * @throws ExtractionRejectedException (fetch refused) otherwise
     */
    public String vetUri(URI uri) {
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
        if (!matches(allowedHosts, host) && !matches(allowedPrivateHosts, host)) {
            throw refused(allowedHosts.isEmpty() && allowedPrivateHosts.isEmpty()
                    ? "no hosts are allowed (freshet.ingest.fetch.allowed-hosts is empty)"
                    : "host " + host + " is not in freshet.ingest.fetch.allowed-hosts");
        }
        return host;
    }

    /**
     * The host's addresses, once every one of them is acceptable: one forbidden address refuses the host, since
     * a client may connect to any of them.
     */
    public InetAddress[] vetAddresses(String host, InetAddress[] addresses) {
        boolean privateAllowed = matches(allowedPrivateHosts, host);
        for (InetAddress address : addresses) {
            Optional<String> range = forbiddenRange(address);
            if (range.isEmpty() || (privateAllowed && PRIVATE_RANGES.contains(range.get()))) {
                continue;
            }
            throw refused(isLiteral(host) ? host + " is " + range.get()
                    : host + " resolves to " + address.getHostAddress() + ", which is " + range.get());
        }
        return addresses.clone();
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

    private static boolean matches(List<String> patterns, String host) {
        for (String pattern : patterns) {
            if (pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : pattern.equals(host)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> normalised(List<String> hosts) {
        return hosts == null ? List.of() : hosts.stream().map(FetchPolicy::host).filter(h -> h != null && !h.isEmpty()).toList();
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
