package io.freshet.query.answer.generation;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The RestClients Spring AI builds for providers that speak HTTP through Spring (Ollama's API): on the JDK's client,
 * which never re-sends a request by itself (Apache HttpClient 5 waits out a 429's Retry-After and retries, holding
 * the answer far past its deadline), and with a provider's 429 and 5xx turned into a {@link ModelFailure} that
 * keeps the Retry-After header, which Spring AI's own error handler drops. query-service makes no other RestClient
 * calls (OpenSearch has its own client; OpenAI and Anthropic their SDKs).
 */
@Configuration(proxyBeanMethods = false)
class ProviderHttpClients {

    @Bean
    RestClientCustomizer providerHttpClient() {
        return builder -> builder.requestFactory(ClientHttpRequestFactoryBuilder.jdk().build())
                .requestInterceptor(statusAsModelFailure());
    }

    static ClientHttpRequestInterceptor statusAsModelFailure() {
        return (request, body, execution) -> {
            ClientHttpResponse response = execution.execute(request, body);
            int status = response.getStatusCode().value();
            if (status == 429 || status >= 500) {
                String retryAfter = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
                response.close();
                throw ModelFailure.ofStatus(status, retryAfter, null);
            }
            return response;
        };
    }
}
