package io.freshet.infra;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FakeChatModelTest {

    private static final String CHAT = "{\"model\":\"fake-model\",\"stream\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void eachChatRequestLeavesItsHandlingTimeBeforeItsCallerHasTheReply() throws Exception {
        try (FakeChatModel model = FakeChatModel.start(FakeChatModel.Protocol.OPENAI)) {
            model.enqueue(new FakeChatModel.Delay(Duration.ofMillis(50), "late"));
            HttpClient client = HttpClient.newHttpClient();

            assertTrue(post(client, model.baseUrl() + "/chat/completions", CHAT.formatted(false)).contains("late"));
            assertEquals(1, model.handlingTimes().size());
            assertTrue(model.handlingTimes().get(0).compareTo(Duration.ofMillis(50)) >= 0, model.handlingTimes().toString());

            assertTrue(post(client, model.baseUrl() + "/chat/completions", CHAT.formatted(true)).contains("[DONE]"));
            assertEquals(2, model.handlingTimes().size());

            post(client, model.baseUrl() + "/embeddings", CHAT.formatted(false)); // not a chat request: not timed
            assertEquals(2, model.handlingTimes().size());
        }
    }

    private static String post(HttpClient client, String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
