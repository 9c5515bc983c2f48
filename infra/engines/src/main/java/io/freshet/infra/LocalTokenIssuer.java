package io.freshet.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * The local run's identity provider: a real OIDC discovery document and JWKS endpoint on 127.0.0.1, and RS256 tokens
 * signed with a key kept under {@code work/issuer/} (so {@code ./freshet token} can mint while {@code up} runs). It
 * stands in for Entra ID or Keycloak on a developer's machine and in the tests; the services validate its tokens
 * exactly as they would a real provider's. JDK-only: the services' tests use it without the launcher's libraries.
 */
public final class LocalTokenIssuer implements AutoCloseable {

    /** The audience query-service accepts: tokens for people and the apps acting for them. */
    public static final String QUERY_AUDIENCE = "freshet-query";
    /** The audience ingest-service's intake accepts: tokens for connectors. */
    public static final String INTAKE_AUDIENCE = "freshet-intake";
    /** The claim listing the sources a connector may publish and delete. */
    public static final String SOURCES_CLAIM = "freshet_sources";
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;
    private final String issuer;
    private final HttpServer server;

    private LocalTokenIssuer(KeyPair keys, String issuer, HttpServer server) {
        this.privateKey = (RSAPrivateKey) keys.getPrivate();
        this.publicKey = (RSAPublicKey) keys.getPublic();
        this.keyId = thumbprint(publicKey);
        this.issuer = issuer;
        this.server = server;
    }

    /** Serves discovery and JWKS on 127.0.0.1:{@code port} (0: any free port) with the key under {@code keyDir}. */
    public static LocalTokenIssuer start(Path keyDir, int port) {
        KeyPair keys = loadOrCreateKeys(keyDir);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
            LocalTokenIssuer tokens = new LocalTokenIssuer(keys, issuer, server);
            server.createContext(DISCOVERY_PATH, tokens::discovery);
            server.createContext(JWKS_PATH, tokens::jwks);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "token-issuer");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local token issuer on 127.0.0.1:" + port, e);
        }
    }

    /** Mints with the key under {@code keyDir} for an issuer started elsewhere ({@code ./freshet token}). */
    public static LocalTokenIssuer offline(Path keyDir, String issuer) {
        if (!Files.isRegularFile(keyDir.resolve("private.key"))) {
            throw new IllegalStateException("no token key under " + keyDir + ": start Freshet with ./freshet up first");
        }
        return new LocalTokenIssuer(loadOrCreateKeys(keyDir), issuer, null);
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + JWKS_PATH;
    }

    /** A person's token for query-service: {@code sub} and {@code preferred_username} the user, {@code groups}. */
    public String userToken(String user, List<String> groups, Duration ttl) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user);
        claims.put("preferred_username", user);
        claims.put("groups", groups);
        return token(QUERY_AUDIENCE, claims, ttl);
    }

    /** A connector's client-credentials token for ingest-service, granted {@code sources}. */
    public String connectorToken(String connector, List<String> sources, Duration ttl) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", connector);
        claims.put("client_id", connector);
        claims.put(SOURCES_CLAIM, sources);
        return token(INTAKE_AUDIENCE, claims, ttl);
    }

    /** A token for {@code audience} with these claims besides iss, aud, iat, nbf, exp and jti. */
    public String token(String audience, Map<String, Object> claims, Duration ttl) {
        Instant now = Instant.now();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("iss", issuer);
        all.put("aud", audience);
        all.put("iat", now.getEpochSecond());
        all.put("nbf", now.getEpochSecond());
        all.put("exp", now.plus(ttl).getEpochSecond());
        all.put("jti", java.util.UUID.randomUUID().toString());
        all.putAll(claims);
        return sign(all);
    }

    /** Signs exactly these claims (tests craft expired, foreign and malformed tokens with it). */
    public String sign(Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        String signingInput = base64Url(Json.write(header)) + "." + base64Url(Json.write(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    /** The public key's encoded form: what an HMAC-confusion attack would use as the shared secret. */
    public byte[] publicKeyBytes() {
        return publicKey.getEncoded();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", jwkSetUri());
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("response_types_supported", List.of("token"));
        respond(exchange, Json.write(document));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kty", "RSA");
        key.put("use", "sig");
        key.put("alg", "RS256");
        key.put("kid", keyId);
        key.put("n", base64Url(unsigned(publicKey.getModulus())));
        key.put("e", base64Url(unsigned(publicKey.getPublicExponent())));
        respond(exchange, Json.write(Map.of("keys", List.of(key))));
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static KeyPair loadOrCreateKeys(Path keyDir) {
        Path privateFile = keyDir.resolve("private.key");
        Path publicFile = keyDir.resolve("public.key");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
                restrictToOwner(keyDir, "rwx------");
                restrictToOwner(privateFile, "rw-------"); // a key from before it was created owner-only
                return new KeyPair(
                        rsa.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(Files.readString(publicFile)))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(Files.readString(privateFile)))));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            createOwnerOnlyDirectory(keyDir);
            Files.writeString(publicFile, Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()));
            writeOwnerOnly(privateFile, Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()));
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the token key under " + keyDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not read or create the token key under " + keyDir, e);
        }
    }

    private static void restrictToOwner(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own permissions apply
        }
    }

    /** Whoever can read the key can mint any token for the local stack: it is created unreadable to others. */
    private static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir); // not a POSIX file system: its own permissions apply
        }
    }

    /** Created with owner-only permissions in one step, so there is no moment it is readable by others. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = createFile(file, options)) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static SeekableByteChannel createFile(Path file, Set<OpenOption> options) throws IOException {
        try {
            return Files.newByteChannel(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.newByteChannel(file, options);
        }
    }

    private static String thumbprint(RSAPublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static String base64Url(String text) {
        return base64Url(text.getBytes(StandardCharsets.UTF_8));
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The few JSON shapes a token and a key set need: strings, numbers, booleans, lists and maps. */
    static final class Json {

        private Json() {
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            append(out, value);
            return out.toString();
        }

        private static void append(StringBuilder out, Object value) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    append(out, String.valueOf(entry.getKey()));
                    out.append(':');
                    append(out, entry.getValue());
                }
                out.append('}');
            } else if (value instanceof Iterable<?> items) {
                out.append('[');
                boolean first = true;
                for (Object item : items) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    append(out, item);
                }
                out.append(']');
            } else {
                out.append('"');
                for (char c : value.toString().toCharArray()) {
                    switch (c) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        default -> {
                            if (c < 0x20) {
                                out.append(String.format("\\u%04x", (int) c));
                            } else {
                                out.append(c);
                            }
                        }
                    }
                }
                out.append('"');
            }
        }
    }
}
