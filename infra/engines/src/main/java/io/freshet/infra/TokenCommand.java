package io.freshet.infra;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./freshet token}: mints a token for the local issuer that {@code ./freshet up} runs, with the key it keeps
 * under {@code work/issuer/}. Prints one or two lines saying who the token is for, until when and how to send it,
 * then the token alone on the LAST line (scripts take it with {@code tail -n1}). Exit codes: 0 done, 2 wrong
 * arguments, 1 no key yet (Freshet never started from this checkout). JDK-only: the script runs it with the engines
 * jar alone, so it starts in a fraction of a second.
 */
public final class TokenCommand {

    static final int OK = 0;
    static final int NO_KEY = 1;
    static final int USAGE = 2;
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    private TokenCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), Path.of(System.getProperty("user.dir")), System.out, System.err));
    }

    static int run(List<String> args, Path workingDirectory, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(TokenOptions.USAGE);
            return OK;
        }
        TokenOptions options;
        try {
            options = TokenOptions.parse(args, workingDirectory);
        } catch (TokenOptions.UsageException e) {
            err.println("freshet token: " + e.getMessage());
            err.println(TokenOptions.USAGE);
            return USAGE;
        }
        LocalTokenIssuer issuer;
        try {
            issuer = LocalTokenIssuer.offline(options.issuerKeys(), FreshetUp.ISSUER);
        } catch (IllegalStateException e) {
            err.println("freshet token: " + e.getMessage());
            return NO_KEY;
        }
        String names = String.join(",", options.names());
        if (options.forUser()) {
            String token = issuer.userToken(options.user(), options.names(), options.ttl());
            out.println("Token for user " + options.user() + " (groups: " + (names.isEmpty() ? "none" : names)
                    + ") for query-service, valid until " + expiry(token) + " (" + options.ttl().toMinutes() + " min).");
            out.println("Send it as -H \"Authorization: Bearer $TOKEN\" to " + QueryClient.QUERY
                    + "/v1/search, /v1/answer and /v1/documents/{id}.");
            out.println(token);
        } else {
            String token = issuer.connectorToken(options.connector(), options.names(), options.ttl());
            out.println("Connector token for " + options.connector() + " (sources: " + names
                    + ") for ingest-service's intake, valid until " + expiry(token) + " (" + options.ttl().toMinutes()
                    + " min).");
            out.println("Send it as -H \"Authorization: Bearer $TOKEN\" with POST " + SamplePublishing.INGEST
                    + "/v1/documents (and DELETE) of changes whose \"source\" is one of: " + names + ".");
            out.println(token);
        }
        return OK;
    }

    /** The token's own exp claim, so the line says exactly what the services will check. */
    static Instant expiry(String token) {
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher exp = EXP.matcher(claims);
        if (!exp.find()) {
            throw new IllegalStateException("a minted token without exp: " + claims);
        }
        return Instant.ofEpochSecond(Long.parseLong(exp.group(1)));
    }
}
