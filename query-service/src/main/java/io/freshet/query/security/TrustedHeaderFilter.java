package io.freshet.query.security;

import io.freshet.query.access.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Trusted-header mode only: the caller is whoever the authenticating proxy in front says, in ACL form. Safe only
 * when the proxy is the sole way in and replaces any value a client sent (see {@link SecurityProperties#mode()}).
 */
final class TrustedHeaderFilter extends OncePerRequestFilter {

    private final String header;
    private final String operatorGroup;

    TrustedHeaderFilter(String header, String operatorGroup) {
        this.header = header;
        this.operatorGroup = operatorGroup;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> principals = parse(request.getHeader(header));
        if (!principals.isEmpty()) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new CallerAuthentication(Caller.vouchedFor(principals), operatorGroup));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    static List<String> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(p -> !p.isEmpty()).distinct().toList();
    }
}
