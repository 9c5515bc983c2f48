package io.freshet.pipeline.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Tells the caller which trace its request ran in: the W3C Trace Context {@value #HEADER} header
 * ({@code 00-<trace id>-<span id>-<flags>}). A person reporting a wrong answer or a refused document quotes it, and
 * the operator finds every log line of that request, across the services, by its trace id. Set before the response
 * is committed, so it is on streamed answers too; it names only ids the caller sent or could not use otherwise.
 */
public final class TraceResponseFilter extends OncePerRequestFilter {

    public static final String HEADER = "traceresponse";

    private final Tracer tracer;

    public TraceResponseFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Span span = tracer.currentSpan();
        if (span != null) {
            TraceContext context = span.context();
            response.setHeader(HEADER, "00-" + context.traceId() + "-" + context.spanId() + "-"
                    + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00"));
        }
        chain.doFilter(request, response);
    }
}
