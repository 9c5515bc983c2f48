package io.freshet.query.web;

import io.freshet.query.answer.generation.ModelAppTest;
import io.freshet.contract.event.Acl;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.FakeChatModel;
import io.freshet.infra.LocalTokenIssuer;
import io.freshet.query.opensearch.TestIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.freshet.query.web.PageSteps.ask;
import static io.freshet.query.web.PageSteps.awaitAnswer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page with a language model writing the answer (a {@link FakeChatModel} speaking OpenAI's wire protocol): the
 * answer appears piece by piece, the check's findings show, and Cancel really stops the stream, down to the model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeneratedAnswerPageTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String QUESTION = "How many days of paid annual leave do employees get?";
    private static final LocalTokenIssuer TOKENS = LocalTokenIssuer.start(
            Path.of(System.getProperty("java.io.tmpdir"), "freshet-web-page-gen-issuer"), 0);
    private static final FakeChatModel MODEL = FakeChatModel.start(FakeChatModel.Protocol.OPENAI);
    private static boolean indexed;
    private static HeadlessChromium chromium;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("management.server.port", () -> "0");
        registry.add("freshet.opensearch.url", () -> EngineFixture.shared().openSearchUrl());
        registry.add("freshet.opensearch.chunk-index", () -> "it-page-gen-chunks-" + RUN);
        registry.add("freshet.opensearch.status-index", () -> "it-page-gen-status-" + RUN);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwkSetUri);
        ModelAppTest.openAi(registry, MODEL);
    }

    @Autowired
    OpenSearchClient client;
    @Autowired
    EmbeddingModel model;
    @LocalServerPort
    int port;

    @BeforeAll
    static void browser() {
        HeadlessChromium.requireInstalled();
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        MODEL.close();
        TOKENS.close();
    }

    @BeforeEach
    void documents() {
        if (!indexed) {
            new TestIndex(client, model, "it-page-gen-chunks-" + RUN, "it-page-gen-status-" + RUN, Clock.systemUTC())
                    .put("policies/leave", "Leave policy", "Employees are entitled to 25 days of paid annual leave per "
                            + "year. Unused annual leave may be carried over until March 31.", Acl.restrictedTo("group:hr"));
            indexed = true;
        }
    }

    @Test
    void theAnswerAppearsPieceByPieceAndTheChecksFindingsShow() {
        MODEL.enqueue(new FakeChatModel.Reply("Employees get 25 days of paid annual leave a year [1]. Unused days "
                + "can be carried over [7]. The canteen also serves excellent vegan lunches every single day.",
                12, Duration.ofMillis(150)));
        WebDriver page = signedIn();
        ask(page, QUESTION);
        String partial = firstStreamedText(page);
        WebElement answer = awaitAnswer(page, "answered");

        String text = answer.findElement(By.id("answer-text")).getText();
        assertThat(partial).as("shown while the model was still writing").isNotEqualTo(text);
        assertThat(text).contains("25 days of paid annual leave").as("the invented [7] is gone").doesNotContain("[7]");
        assertThat(answer.findElement(By.cssSelector("#answer-text a.marker")).getText()).isEqualTo("[1]");
        assertThat(answer.findElement(By.id("answer-meta")).getText()).contains("generated");
        assertThat(answer.findElement(By.id("flags")).getText()).contains("uncited sentence")
                .contains("vegan lunches").contains("naming no source removed");
        assertThat(page.findElement(By.cssSelector("#citations > li .cite-title")).getText()).isEqualTo("Leave policy");
    }

    @Test
    void cancelStopsTheAnswerAndTheModelsStream() throws Exception {
        MODEL.resetStreamCancelled();
        MODEL.enqueue(new FakeChatModel.Reply("Employees get 25 days of paid annual leave a year [1]. "
                .repeat(10), 40, Duration.ofMillis(300)));
        WebDriver page = signedIn();
        ask(page, QUESTION);
        firstStreamedText(page);
        page.findElement(By.id("cancel")).click();

        WebElement answer = awaitAnswer(page, "cancelled");
        assertThat(answer.findElement(By.id("answer-status")).getText()).startsWith("Cancelled");
        assertThat(page.findElement(By.id("cancel")).isEnabled()).isFalse();
        assertThat(MODEL.awaitStreamCancelled(Duration.ofSeconds(15)))
                .as("the service stops the model's stream once the page has gone").isTrue();
    }

    private WebDriver signedIn() {
        String token = TOKENS.userToken("alice", List.of("hr"), Duration.ofMinutes(10));
        return PageSteps.signedIn(chromium.driver(), port, token);
    }

    /** The answer's text while the page still says it is streaming. */
    private static String firstStreamedText(WebDriver page) {
        return new WebDriverWait(page, Duration.ofSeconds(30), Duration.ofMillis(20)).until(d -> {
            String state = d.findElement(By.id("answer")).getAttribute("data-state");
            String text = d.findElement(By.id("answer-text")).getText();
            return "streaming".equals(state) && !text.isBlank() ? text : null;
        });
    }
}
