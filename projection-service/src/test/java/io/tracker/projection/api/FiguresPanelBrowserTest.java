package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.local.test.TestTokens;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;

/**
 * The indicators and claims panel (figures.js) in headless Chromium: the corrected figure with its qualifier and
 * sources, the claim apart with "publisher not stated". Screenshot: {@code target/dashboard-figures.png}.
 * Skipped without Chromium (as {@link DashboardBrowserTest}).
 */
@QuarkusTest
class FiguresPanelBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/")
    URL base;

    @Test
    void thePanelShowsTheCorrectedFigureAndTheClaimApart() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            Assumptions.assumeFalse("true".equals(System.getenv("CI")), "CI needs chromium and chromium-driver");
            Assumptions.abort("chromium is not installed here");
        }
        Auth.asAnalyst();
        String id = "panel-" + UUID.randomUUID().toString().substring(0, 8);
        List<Sample> story = new ArrayList<>(Stories.february(id));
        story.add(Sample.of("IndicatorRecorded").inStream(id));
        story.add(Sample.of("IndicatorCorrected").inStream(id));
        story.add(Sample.of("ClaimRecorded").inStream(id));
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(story);
        }
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}/claims", id)
                .then()
                .statusCode(200)
                .body("claims", hasSize(1)));

        Path profile = Files.createTempDirectory("figures-chromium-");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,2400",
                "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        try {
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.ignoring(StaleElementReferenceException.class);
            // sign in as an analyst does (the token goes to the tab's session storage, never into the address),
            // then open the agreement by its deep link
            driver.get(base + "#agreement=" + id);
            wait.until(d -> d.findElement(By.id("token-prompt")).isDisplayed());
            driver.findElement(By.id("token-input")).sendKeys(TestTokens.analyst());
            driver.findElement(By.cssSelector("#token-form button[type='submit']"))
                    .click();
            wait.withMessage("the figures panel with the corrected indicator")
                    .until(d -> d.findElement(By.id("figures")).isDisplayed()
                            && d.findElements(By.cssSelector("#indicator-table tbody tr"))
                                            .size()
                                    == 1);
            String table = driver.findElement(By.id("indicator-table")).getText();
            assertTrue(table.contains("more than 125,000 jobs"), table);
            assertTrue(table.contains("analysts' own"), table);
            assertTrue(table.contains("Corrected (v16)"), table);
            String claims = driver.findElement(By.id("claim-list")).getText();
            assertTrue(claims.contains("publisher not stated") && claims.contains("(opinion)"), claims);
            assertTrue(!driver.findElement(By.id("indicator-table")).getText().contains("USA"), "claims apart");

            // as known before the correction: the figure as first recorded
            driver.get(base + "#agreement=" + id + "&knownAt=2026-06-15T10:00:30Z");
            driver.navigate().refresh();
            wait.withMessage("the figure as first recorded").until(d -> {
                String t = d.findElement(By.id("indicator-table")).getText();
                return d.findElement(By.id("figures")).isDisplayed()
                        && t.contains("125,000 jobs")
                        && !t.contains("more than");
            });
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "dashboard-figures.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }
}
