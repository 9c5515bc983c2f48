package io.freshet.pipeline.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * 401 and 403 as application/problem+json (RFC 9457), like every other error of the services' APIs. The detail
 * says what the caller must do, never why a token failed: a rejected token's reason (expired, wrong audience, bad
 * signature) goes to the service's log at debug, not to whoever presented it.
 */
public final class SecurityProblems {

    private SecurityProblems() {
    }

    /** 401 with {@code WWW-Authenticate: Bearer} (RFC 6750) for a missing or rejected token. */
    public static AuthenticationEntryPoint unauthenticated() {
        return (request, response, exception) -> {
            boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
            write(response, HttpStatus.UNAUTHORIZED, "Unauthenticated", presented
                    ? "the bearer token was rejected: present a valid, unexpired token issued for this service"
                    : "send 'Authorization: Bearer <token>' issued for this service");
        };
    }

    /** 403 for an authenticated caller who may not do this. */
    public static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(response, HttpStatus.FORBIDDEN, "Forbidden",
                exception.getMessage() == null || exception.getMessage().isBlank()
                        ? "this caller may not do this" : exception.getMessage());
    }

    public static void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status.value()
                + ",\"detail\":" + quote(detail) + "}");
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
