package io.freshet.pipeline.tracing;

import io.micrometer.tracing.Tracer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The trace id on every HTTP response of a service with an API (query, ingest): after the server observation has
 * started the request's span (Boot's filter runs at {@code Ordered.HIGHEST_PRECEDENCE + 1}), before security, so a
 * refused request names its trace too.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Tracer.class, OncePerRequestFilter.class})
public class TracingAutoConfiguration {

    @Bean
    @ConditionalOnBean(Tracer.class)
    FilterRegistrationBean<TraceResponseFilter> traceResponseFilter(Tracer tracer) {
        var registration = new FilterRegistrationBean<>(new TraceResponseFilter(tracer));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
