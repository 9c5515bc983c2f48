package io.freshet.ingest.security;

import io.freshet.pipeline.security.SecurityProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates a connector by its API key ({@value #HEADER} header). A request without the header passes on
 * untouched (to the bearer-token filter); one with a key that is not current is answered 401 here.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Freshet-Api-Key";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

    private final ApiKeyFile keys; // null: API keys are disabled
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(ApiKeyFile keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            refuse(response, "send either an API key or an Authorization header, not both");
            return;
        }
        Optional<Connector> connector = keys == null ? Optional.empty() : keys.authenticate(key.strip());
        if (connector.isEmpty()) {
            log.debug("Refused an API key on {} {}{}", request.getMethod(), request.getRequestURI(),
                    keys == null ? " (freshet.intake.api-keys-file is not set)" : "");
            refuse(response, "the API key was rejected: present a current key of this connector");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ConnectorAuthentication(connector.get(), null));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private static void refuse(HttpServletResponse response, String detail) throws IOException {
        SecurityProblems.write(response, HttpStatus.UNAUTHORIZED, "Unauthenticated", detail);
    }
}
