package io.freshet.query.security;

import io.freshet.pipeline.security.SecurityProblems;
import io.freshet.pipeline.security.TokenIssuerSettings;
import io.freshet.query.access.Caller;
import io.freshet.query.api.ApiProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Who may call query-service. Default: a bearer token validated by Spring Security's resource server (issuer,
 * signature with the issuer's published keys, expiry, not-before, audience); no token, or a bad one, is 401
 * problem+json before any handler runs. The web page's static files are public (they hold no data); the page sends
 * the token its user pasted. Controllers take a {@link Caller} parameter, resolved here from what the
 * filter chain established, and pass it to the permission point.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
public class QuerySecurityConfiguration implements WebMvcConfigurer {

    /** The web page (src/main/resources/static): only these paths, so no other static file is ever public. */
    static final String[] PAGE_FILES = {"/", "/index.html", "/app.css", "/app.js", "/sse.js", "/favicon.ico"};

    /**
     * The page's scripts and styles come only from its own files (no inline code, no CDN), it talks only to this
     * service, and no other site may frame it: document text it shows can never become code that runs.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties, ApiProperties api,
                                    ObjectProvider<JwtDecoder> jwtDecoder, Environment environment) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable) // bearer tokens, no cookies: nothing for a forged request to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityProblems.unauthenticated())
                        .accessDeniedHandler(SecurityProblems.forbidden()))
                // On every response (the API's too: harmless there); no referrer leaks the page's URL to a source's site.
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/error")
                            .permitAll();
                    // The page's own files hold no data: anyone may load them; every API call it makes needs a token.
                    requests.requestMatchers(HttpMethod.GET, PAGE_FILES).permitAll();
                    // The rest of a streamed answer (SSE) is written on an async dispatch of a request that was
                    // authorized when it came in.
                    requests.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
                    if (api.publicApiDocs()) {
                        requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                                .permitAll();
                    }
                    if (properties.anonymousPublic()) {
                        requests.requestMatchers("/v1/**").permitAll();
                    }
                    requests.anyRequest().authenticated();
                });
        if (properties.mode() == SecurityProperties.Mode.JWT) {
            TokenIssuerSettings.requireIssuerWhereTokensAreValidated(environment);
            if (jwtDecoder.getIfAvailable() == null || !TokenIssuerSettings.issuerConfigured(environment)) {
                throw new IllegalStateException("freshet.security.mode=jwt needs the token issuer: set "
                        + TokenIssuerSettings.ISSUER_URI + " (and optionally jwk-set-uri)");
            }
            http.oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(new TokenClaims(properties)))
                    .authenticationEntryPoint(SecurityProblems.unauthenticated())
                    .accessDeniedHandler(SecurityProblems.forbidden()));
        } else {
            http.addFilterBefore(new TrustedHeaderFilter(properties.trustedHeader(), properties.operatorGroup()),
                    AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver());
    }

    /** A {@link Caller} handler parameter: the authenticated caller, or an anonymous one where that is allowed. */
    static final class CallerResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                      WebDataBinderFactory binders) {
            return CurrentCaller.get();
        }
    }
}
