package io.freshet.query.web;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's chromium driven through Debian's chromedriver: no browser or driver is downloaded (this network reaches
 * only package registries; `./freshet test` installs both with apt-get when it can).
 */
final class HeadlessChromium implements AutoCloseable {

    /** Debian's paths; -Dfreshet.chromium.browser / -Dfreshet.chromium.driver name others. */
    static final Path BROWSER = Path.of(System.getProperty("freshet.chromium.browser", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("freshet.chromium.driver", "/usr/bin/chromedriver"));

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /**
     * Skips the calling test class when chromium or its driver is missing on a developer's machine; in CI (CI=true)
     * that is a failure instead, so a broken install step can never turn the browser test into a silent skip.
     */
    static void requireInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String missing = "the web page's browser test needs " + BROWSER + " and " + DRIVER
                + " (apt-get install chromium chromium-driver; ./freshet test installs them when run as root)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI must run the browser test, but " + missing);
        }
        // Surefire counts a class aborted in @BeforeAll as neither run nor skipped: say it where a person looks.
        System.err.println("WebPageTest SKIPPED: " + missing);
        assumeTrue(false, "Skipped: " + missing);
    }

    static HeadlessChromium start() {
        try {
            Path profile = Files.createTempDirectory("freshet-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            // The background-networking flags matter here: on a closed network chromium's own update, sync and
            // component fetches otherwise fail in ways that stall or crash the session.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "--window-size=1100,1000");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            return new HeadlessChromium(profile, new ChromeDriver(service, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void screenshot(Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
