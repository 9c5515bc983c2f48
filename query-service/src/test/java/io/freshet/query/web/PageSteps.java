package io.freshet.query.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person does on the page, for the browser tests; each wait is on a DOM state the page sets. */
final class PageSteps {

    private PageSteps() {
    }

    /** Opens the page signed out (the token lives in the tab's sessionStorage), then signs in with {@code token}. */
    static WebDriver signedIn(WebDriver page, int port, String token) {
        page.get("http://127.0.0.1:" + port + "/");
        ((JavascriptExecutor) page).executeScript("sessionStorage.clear()");
        page.navigate().refresh();
        page.findElement(By.id("token")).sendKeys(token);
        page.findElement(By.id("sign-in-button")).click();
        new WebDriverWait(page, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("question")).isDisplayed());
        return page;
    }

    static void ask(WebDriver page, String question) {
        WebElement box = page.findElement(By.id("question"));
        box.clear();
        box.sendKeys(question);
        page.findElement(By.id("ask")).click();
    }

    /** Waits until the answer region has finished (any end state), then requires {@code expected}. */
    static WebElement awaitAnswer(WebDriver page, String expected) {
        WebElement answer = page.findElement(By.id("answer"));
        String state = new WebDriverWait(page, Duration.ofSeconds(60)).until(d -> {
            String s = answer.getAttribute("data-state");
            return List.of("answered", "abstained", "error", "cancelled").contains(s) ? s : null;
        });
        assertThat(state).as(answer.getText()).isEqualTo(expected);
        return answer;
    }
}
