package io.freshet.ingest.fetch;

import io.freshet.ingest.extraction.ExtractionRejectedException;
import io.freshet.ingest.extraction.RejectionKind;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FetchPolicyTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void nonPublicRangesAreNamed() throws Exception {
        Map<String, String> ranges = Map.ofEntries(
                Map.entry("127.0.0.1", "loopback"), Map.entry("127.8.9.10", "loopback"), Map.entry("::1", "loopback"),
                Map.entry("169.254.169.254", "link-local"), Map.entry("fe80::1", "link-local"),
                Map.entry("febf::1", "link-local"),
                Map.entry("10.1.2.3", "private"), Map.entry("172.16.0.1", "private"), Map.entry("172.31.255.255", "private"),
                Map.entry("192.168.1.1", "private"), Map.entry("fc00::1", "private"), Map.entry("fd00:ec2::254", "private"),
                Map.entry("100.64.0.1", "carrier-grade NAT"), Map.entry("100.127.255.255", "carrier-grade NAT"),
                Map.entry("0.0.0.0", "unspecified"), Map.entry("::", "unspecified"),
                Map.entry("224.0.0.1", "multicast"), Map.entry("ff02::1", "multicast"),
                Map.entry("255.255.255.255", "reserved"),
                // IPv6 forms that carry an IPv4 address are judged by it.
                Map.entry("::ffff:127.0.0.1", "loopback"), Map.entry("::ffff:a9fe:a9fe", "link-local"),
                Map.entry("64:ff9b::a9fe:a9fe", "link-local"), Map.entry("2002:0a00:0001::1", "private"),
                Map.entry("::10.0.0.1", "private"));
        for (Map.Entry<String, String> range : ranges.entrySet()) {
            assertThat(FetchPolicy.forbiddenRange(ip(range.getKey()))).as(range.getKey()).hasValue(range.getValue());
        }
        for (String open : List.of("8.8.8.8", "172.32.0.1", "100.128.0.1", "169.253.1.1", "192.169.0.1",
                "2606:4700:4700::1111", "2a00:1450::1", "64:ff9b::808:808")) {
            assertThat(FetchPolicy.forbiddenRange(ip(open))).as(open).isEqualTo(Optional.empty());
        }
    }

    @Test
    void onlyHttpFromAllowedHostsWithoutCredentials() {
        FetchPolicy policy = new FetchPolicy(List.of("Files.Example.com", "*.cdn.example.net"), List.of("intranet.local:8080"));

        assertThat(policy.vetUri(URI.create("https://files.example.com/a.pdf")).host()).isEqualTo("files.example.com");
        assertThat(policy.vetUri(URI.create("HTTP://FILES.EXAMPLE.COM./a.pdf")).host()).isEqualTo("files.example.com");
        assertThat(policy.vetUri(URI.create("https://eu.cdn.example.net/a.pdf")).host()).isEqualTo("eu.cdn.example.net");
        assertThat(policy.vetUri(URI.create("http://intranet.local:8080/a.pdf")).host()).isEqualTo("intranet.local");

        assertRefused(() -> policy.vetUri(URI.create("https://cdn.example.net/a.pdf")),
                "fetch refused: host cdn.example.net is not in freshet.ingest.fetch.allowed-hosts");
        assertRefused(() -> policy.vetUri(URI.create("https://files.example.com.evil.io/a.pdf")),
                "fetch refused: host files.example.com.evil.io is not in freshet.ingest.fetch.allowed-hosts");
        assertRefused(() -> policy.vetUri(URI.create("ftp://files.example.com/a.pdf")),
                "fetch refused: scheme 'ftp' is not fetched (http or https only)");
        assertRefused(() -> policy.vetUri(URI.create("file:///etc/passwd")),
                "fetch refused: scheme 'file' is not fetched (http or https only)");
        assertRefused(() -> policy.vetUri(URI.create("https://user:secret@files.example.com/a.pdf")),
                "fetch refused: credentials in the URI are not accepted");
        assertRefused(() -> new FetchPolicy(List.of(), List.of()).vetUri(URI.create("https://files.example.com/a.pdf")),
                "fetch refused: no hosts are allowed (freshet.ingest.fetch.allowed-hosts is empty)");
    }

    @Test
    void anEntryWithoutAPortAllowsOnlyTheSchemesDefaultPort() {
        // Allowing a host used to allow every port on it: http://localhost:9200/freshet-chunks/_search read the index.
        FetchPolicy policy = new FetchPolicy(List.of("files.example.com", "https://secure.example.com",
                "api.example.com:8443", "*.cdn.example.net:8080", "[2001:db8::1]:8080"), List.of("localhost"));

        assertThat(policy.vetUri(URI.create("http://files.example.com/a")).port()).isEqualTo(80);
        assertThat(policy.vetUri(URI.create("https://files.example.com/a")).port()).isEqualTo(443);
        assertThat(policy.vetUri(URI.create("http://files.example.com:80/a")).port()).isEqualTo(80);
        assertThat(policy.vetUri(URI.create("https://secure.example.com/a")).host()).isEqualTo("secure.example.com");
        assertThat(policy.vetUri(URI.create("https://api.example.com:8443/a")).port()).isEqualTo(8443);
        assertThat(policy.vetUri(URI.create("http://api.example.com:8443/a")).port()).isEqualTo(8443);
        assertThat(policy.vetUri(URI.create("http://eu.cdn.example.net:8080/a")).host()).isEqualTo("eu.cdn.example.net");
        assertThat(policy.vetUri(URI.create("http://[2001:db8::1]:8080/a")).host()).isEqualTo("2001:db8::1");
        assertThat(policy.vetUri(URI.create("http://localhost/a")).privateAllowed()).isTrue();

        String hint = " (an entry without a port allows only the scheme's default port)";
        assertRefused(() -> policy.vetUri(URI.create("http://localhost:9200/freshet-chunks/_search")),
                "fetch refused: http://localhost:9200 is not in freshet.ingest.fetch.allowed-hosts" + hint);
        assertRefused(() -> policy.vetUri(URI.create("http://files.example.com:443/a")),
                "fetch refused: http://files.example.com:443 is not in freshet.ingest.fetch.allowed-hosts" + hint);
        assertRefused(() -> policy.vetUri(URI.create("https://files.example.com:8443/a")),
                "fetch refused: https://files.example.com:8443 is not in freshet.ingest.fetch.allowed-hosts" + hint);
        assertRefused(() -> policy.vetUri(URI.create("http://secure.example.com/a")),
                "fetch refused: http://secure.example.com:80 is not in freshet.ingest.fetch.allowed-hosts" + hint);
        assertRefused(() -> policy.vetUri(URI.create("https://api.example.com/a")),
                "fetch refused: https://api.example.com:443 is not in freshet.ingest.fetch.allowed-hosts" + hint);
        assertRefused(() -> policy.vetUri(URI.create("http://eu.cdn.example.net/a")),
                "fetch refused: http://eu.cdn.example.net:80 is not in freshet.ingest.fetch.allowed-hosts" + hint);
    }

    @Test
    void aMalformedEntryFailsAtStartUp() {
        for (String entry : List.of("ftp://files.example.com", "files.example.com:0", "files.example.com:99999",
                "files.example.com:http", "https://files.example.com/path", "user@files.example.com", "[::1", "*.")) {
            assertThatThrownBy(() -> new FetchPolicy(List.of(entry), List.of())).as(entry)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("freshet.ingest.fetch");
        }
    }

    @Test
    void everyAddressOfAHostMustBePublicUnlessTheHostIsAllowedAsPrivate() throws Exception {
        FetchPolicy policy = new FetchPolicy(List.of("files.example.com", "169.254.169.254"), List.of("intranet.local"));
        FetchPolicy.Target files = policy.vetUri(URI.create("https://files.example.com/a"));
        FetchPolicy.Target metadata = policy.vetUri(URI.create("http://169.254.169.254/latest"));
        FetchPolicy.Target intranetHost = policy.vetUri(URI.create("http://intranet.local/a"));

        InetAddress[] publicOnly = {ip("93.184.216.34"), ip("2606:2800:220:1::1")};
        assertThat(policy.vetAddresses(files, publicOnly)).containsExactly(publicOnly);
        // One bad address among good ones is enough: the client could be sent to any of them.
        assertRefused(() -> policy.vetAddresses(files, new InetAddress[] {ip("93.184.216.34"), ip("10.0.0.7")}),
                "fetch refused: files.example.com resolves to 10.0.0.7, which is private");
        assertRefused(() -> policy.vetAddresses(metadata, new InetAddress[] {ip("169.254.169.254")}),
                "fetch refused: 169.254.169.254 is link-local");

        InetAddress[] intranet = {ip("10.0.0.7"), ip("127.0.0.1"), ip("100.64.1.1"), ip("fd12::1")};
        assertThat(policy.vetAddresses(intranetHost, intranet)).containsExactly(intranet);
        // Never fetched from, not even for a private host.
        assertRefused(() -> policy.vetAddresses(intranetHost, new InetAddress[] {ip("0.0.0.0")}),
                "fetch refused: intranet.local resolves to 0.0.0.0, which is unspecified");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ExtractionRejectedException.class,
                e -> assertThat(e.kind()).isEqualTo(RejectionKind.FETCH_REFUSED)).hasMessage(reason);
    }
}
