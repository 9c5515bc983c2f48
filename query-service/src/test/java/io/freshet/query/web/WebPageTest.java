package io.freshet.query.web;

import io.freshet.contract.event.Acl;
import io.freshet.embedding.EmbeddingModel;
import io.freshet.infra.EngineFixture;
import io.freshet.infra.LocalTokenIssuer;
import io.freshet.query.opensearch.TestIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.freshet.query.web.PageSteps.ask;
import static io.freshet.query.web.PageSteps.awaitAnswer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page at {@code /} in a real headless chromium, against the real query-service on real OpenSearch. Alice (group
 * hr) may read the leave policy and the cafeteria page; the salary review is finance's only, and must never show.
 * Every wait is on a DOM condition the page sets ({@code data-state}), never a sleep.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPageTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final LocalTokenIssuer TOKENS = LocalTokenIssuer.start(
            Path.of(System.getProperty("java.io.tmpdir"), "freshet-web-page-issuer"), 0);
    /** Document text is untrusted: markup in a title must come out as the literal text, never run. */
    private static final String CAFETERIA_TITLE = "Cafeteria <img src=x onerror=\"document.title='owned'\">";
    private static boolean indexed;
    private static HeadlessChromium chromium;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("management.server.port", () -> "0");
        registry.add("freshet.opensearch.url", () -> EngineFixture.shared().openSearchUrl());
        registry.add("freshet.opensearch.chunk-index", () -> "it-page-chunks-" + RUN);
        registry.add("freshet.opensearch.status-index", () -> "it-page-status-" + RUN);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TOKENS::jwkSetUri);
    }

    @Autowired
    OpenSearchClient client;
    @Autowired
    EmbeddingModel model;
    @LocalServerPort
    int port;

    /** Static, so a machine without chromium skips before the application and OpenSearch are started. */
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
        TOKENS.close();
    }

    @BeforeEach
    void documents() {
        if (indexed) {
            return;
        }
        var index = new TestIndex(client, model, "it-page-chunks-" + RUN, "it-page-status-" + RUN, Clock.systemUTC());
        index.put("policies/leave", "Leave policy",
                "Employees are entitled to 25 days of paid annual leave per year. Unused annual leave may be carried over until March 31.",
                Acl.restrictedTo("group:hr"), 3, "attachment: leave.pdf");
        index.put("cafeteria", CAFETERIA_TITLE,
                "The cafeteria opens at 8 am and closes at 3 pm. Vegetarian dishes are served every day.", Acl.publicAcl());
        index.put("finance/salaries", "Salary review 2026",
                "The salary bands for engineers were raised by 4 percent in 2026. Bonuses are paid out in December.",
                Acl.restrictedTo("group:finance"));
        indexed = true;
    }

    @Test
    void aQuestionIsAnsweredWithNumberedCitationsThatOpenTheirSource() {
        WebDriver page = signedIn(aliceToken());
        ask(page, "How many days of paid annual leave do employees get?");
        WebElement answer = awaitAnswer(page, "answered");

        WebElement text = answer.findElement(By.id("answer-text"));
        assertThat(text.getText()).contains("25 days of paid annual leave");
        WebElement marker = text.findElement(By.cssSelector("a.marker"));
        assertThat(marker.getText()).isEqualTo("[1]");
        assertThat(answer.findElement(By.id("answer-meta")).getText()).containsAnyOf("generated", "extractive");

        List<WebElement> citations = page.findElements(By.cssSelector("#citations > li"));
        assertThat(citations).isNotEmpty();
        WebElement first = citations.get(0);
        WebElement title = first.findElement(By.cssSelector(".cite-title"));
        assertThat(title.getText()).isEqualTo("Leave policy");
        assertThat(title.getAttribute("href")).isEqualTo("https://intranet/policies/leave");
        assertThat(title.getAttribute("rel")).contains("noopener");
        assertThat(first.findElement(By.cssSelector(".cite-where")).getText()).contains("page 3").contains("leave.pdf");
        List<String> highlighted = first.findElements(By.cssSelector(".snippet mark")).stream()
                .map(m -> m.getText().toLowerCase()).toList();
        assertThat(highlighted).contains("annual", "leave");
        assertThat(page.findElement(By.tagName("main")).getText()).doesNotContain("Salary review").doesNotContain("4 percent");

        screenshotIfAsked();

        // [1] is a keyboard-reachable link to citation 1, which takes focus.
        marker.click();
        assertThat(page.switchTo().activeElement().getAttribute("id")).isEqualTo("cite-1");

        ask(page, "When does the cafeteria open?");
        awaitAnswer(page, "answered");
        WebElement cafeteria = page.findElement(By.cssSelector("#citations > li .cite-title"));
        assertThat(cafeteria.getText()).as("markup in a title is shown as text").isEqualTo(CAFETERIA_TITLE);
        assertThat(page.findElements(By.cssSelector("#citations img"))).isEmpty();
        assertThat(page.getTitle()).doesNotContain("owned");

        chromium.resize(360, 800);
        try {
            assertThat((Boolean) ((JavascriptExecutor) page).executeScript(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .as("no sideways scrolling at 360 px").isTrue();
        } finally {
            chromium.resize(1100, 1000);
        }
    }

    @Test
    void aQuestionNoReadableDocumentCoversIsShownAsIDontKnow() {
        WebDriver page = signedIn(aliceToken());
        for (String question : List.of("How many moons does Jupiter have?",
                "By how much were the salary bands for engineers raised?")) {
            ask(page, question);
            WebElement answer = awaitAnswer(page, "abstained");
            assertThat(answer.findElement(By.id("abstention")).getText()).as(question).startsWith("I don't know");
            assertThat(page.findElements(By.cssSelector("#citations > li"))).as(question).isEmpty();
            assertThat(page.findElement(By.tagName("main")).getText()).as("finance's document never shows")
                    .doesNotContain("Salary review").doesNotContain("4 percent");
        }
    }

    @Test
    void theStatusLookupShowsAReadableDocumentAndThe404OfAnUnreadableOne() {
        WebDriver page = signedIn(aliceToken());
        WebElement result = lookUp(page, "policies/leave", "found");
        assertThat(field(result, "state")).isEqualTo("INDEXED");
        assertThat(field(result, "version")).isEqualTo("1");
        assertThat(field(result, "chunks")).isEqualTo("1");
        assertThat(field(result, "updatedAt")).isNotBlank();

        result = lookUp(page, "finance/salaries", "missing");
        assertThat(result.getText()).contains("No such document, or not one you may read");
        assertThat(result.getText()).doesNotContain("INDEXED");
    }

    @Test
    void aBadTokenBringsBackTheSignInWithItsReason() {
        WebDriver page = signedIn("not-a-token");
        ask(page, "How many days of paid annual leave do employees get?");
        WebElement error = new WebDriverWait(page, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("sign-in-error")).isDisplayed() ? d.findElement(By.id("sign-in-error")) : null);
        assertThat(error.getText()).contains("token missing or expired");
        assertThat(page.findElement(By.id("token")).isDisplayed()).isTrue();
        assertThat(page.findElement(By.id("question")).isDisplayed()).isFalse();
    }

    /** However the network splits the stream, the page's parser sees the same events (run in the browser itself). */
    @Test
    void theEventStreamParserSurvivesAnySplit() {
        WebDriver page = chromium.driver();
        page.get("http://127.0.0.1:" + port + "/");
        String stream = "event: token\r\ndata: {\"text\": \"Leave [1]\"}\r\n\r\n: keep-alive\n\n"
                + "event: citations\ndata: {\"citations\": [],\ndata:  \"grounded\": true}\n\n"
                + "event: done\rdata: {\"mode\": \"extractive\"}\r\r";
        String expected = "token {\"text\": \"Leave [1]\"}|citations {\"citations\": [],\n \"grounded\": true}|"
                + "done {\"mode\": \"extractive\"}|";
        for (int size : List.of(1, 2, 3, 7, stream.length())) {
            Object parsed = ((JavascriptExecutor) page).executeAsyncScript("""
                    const [stream, size, callback] = arguments;
                    import('./app.js').then(({ sseParser }) => {
                      let seen = '';
                      const feed = sseParser((type, data) => { seen += type + ' ' + data + '|'; });
                      for (let i = 0; i < stream.length; i += size) feed(stream.slice(i, i + size), i + size >= stream.length);
                      callback(seen);
                    }).catch((e) => callback('failed: ' + e));""", stream, size);
            assertThat(parsed).as("chunks of " + size).isEqualTo(expected);
        }
    }

    @Test
    void thePageIsPublicWithItsSecurityHeadersAndTheApiIsNot() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"));
        for (String file : List.of("/index.html", "/app.css", "/app.js", "/sse.js")) {
            assertThat(get(file).statusCode()).as(file).isEqualTo(200);
        }
        assertThat(get("/v1/documents/cafeteria").statusCode()).isEqualTo(401);
        assertThat(get("/anything-else.html").statusCode()).isEqualTo(401);
    }

    /** Only with -Dfreshet.screenshot[=PATH], so an ordinary run leaves the work tree as it was. */
    private static void screenshotIfAsked() {
        String target = System.getProperty("freshet.screenshot");
        if (target == null) {
            return;
        }
        chromium.resize(1000, 900);
        try {
            chromium.screenshot(target.isBlank() || target.equals("true")
                    ? Path.of("..", "docs", "images", "web-page.png") : Path.of(target));
        } finally {
            chromium.resize(1100, 1000);
        }
    }

    private String aliceToken() {
        return TOKENS.userToken("alice", List.of("hr"), Duration.ofMinutes(10));
    }

    private WebDriver signedIn(String token) {
        return PageSteps.signedIn(chromium.driver(), port, token);
    }

    private static WebElement lookUp(WebDriver page, String id, String expected) {
        WebElement input = page.findElement(By.id("doc-id"));
        input.clear();
        input.sendKeys(id);
        page.findElement(By.id("look-up")).click();
        WebElement result = page.findElement(By.id("status-result"));
        String state = new WebDriverWait(page, Duration.ofSeconds(30)).until(d ->
                id.equals(result.getAttribute("data-id")) && !"loading".equals(result.getAttribute("data-state"))
                        ? result.getAttribute("data-state") : null);
        assertThat(state).as(result.getText()).isEqualTo(expected);
        return result;
    }

    private static String field(WebElement result, String name) {
        return result.findElement(By.cssSelector("[data-field='" + name + "']")).getText();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
