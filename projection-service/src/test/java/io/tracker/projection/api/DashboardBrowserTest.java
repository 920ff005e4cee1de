package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.local.test.TestTokens;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Stories;

/**
 * The analyst dashboard in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) against the running service, checking what a person sees. Screenshots land in
 * {@code target/dashboard-*.png}. Without Chromium the test is skipped, except in CI ({@code CI=true}) where
 * it fails.
 */
@QuarkusTest
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TITLE = "Canada–Korea industrial cooperation";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/")
    URL base;

    private String id;

    @BeforeEach
    void publishTheStory() {
        requireBrowser();
        Auth.asAnalyst();
        id = "dashboard-" + UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Stories.february(id));
            broker.publish(Stories.investments(id, id));
        }
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id).then().statusCode(200)
                .body("basis.eventsKnown", equalTo(10)));
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}/investments", id).then().statusCode(200)
                .body("investments", hasSize(4)));
    }

    @Test
    void anAnalystSeesWhereTheAgreementStandsNowAndAsOfADate() throws Exception {
        Path profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeDriver driver = startChromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.ignoring(StaleElementReferenceException.class); // live updates redraw what they change
            driver.get(base + "#token=" + TestTokens.analyst());

            // the list: the agreement with its stage now; choosing it shows its status
            String listed = "#agreement-list a[data-id='" + id + "']";
            new WebDriverWait(driver, WAIT).withMessage("the agreement listed with its title and stage now")
                    .until(d -> text(d, listed).contains(TITLE) && text(d, listed).contains("Committee formed"));
            assertFalse(driver.getCurrentUrl().contains("token="), "the token is taken out of the address bar");
            wait.until(d -> {
                d.findElement(By.cssSelector(listed)).click();
                return true;
            });
            wait.until(d -> text(d, "#agreement-id").equals(id) && text(d, "#stage").equals("Committee formed"));
            assertEquals(TITLE, text(driver, "#agreement-title"));
            assertEquals("Canada – Republic of Korea", text(driver, "#agreement-parties"));
            assertEquals("Nothing binding yet", text(driver, "#binding"));
            assertEquals("COMMITTEE_FORMED", attribute(driver, "#stage-progress li.current", "data-stage"));
            assertEquals(3, driver.findElements(By.cssSelector("#stage-progress li.done")).size());
            assertTrue(text(driver, "#milestones-pending").contains("Forum: announced, not established"),
                    text(driver, "#milestones-pending"));
            assertTrue(text(driver, "#milestones-reached").contains("MOU: signed"));
            assertTrue(text(driver, "#participants").contains("Mélanie Joly"));
            assertTrue(text(driver, "#focus-areas").contains("Critical minerals"));

            // the timeline: 8 entries drawn (the correction and retraction shown on what they amend), listed with sources
            wait.until(d -> d.findElements(By.cssSelector("#timeline-svg g.tl-entry")).size() == 8);
            assertEquals(8, driver.findElements(By.cssSelector("#timeline-svg text.tl-label")).size());
            assertEquals(List.of("2025-10-late", "2025-10-late", "2025-10-late", "2026", "2026-01-late", "2026-01-29",
                    "2026-01-29", "2026-spring"), timelineDates(driver));
            assertEquals(1, driver.findElements(By.cssSelector("#timeline-svg g.tl-entry.retracted[data-version='9']")).size());
            assertEquals(1, driver.findElements(By.cssSelector("#timeline-svg g.tl-entry.corrected[data-version='3']")).size());
            assertEquals(8, driver.findElements(By.cssSelector("#timeline-list > li")).size());
            String official = "#timeline-list li[data-version='4'] .sources .badge";
            assertEquals("OFFICIAL", text(driver, official));
            assertTrue(read(() -> driver.findElement(By.cssSelector(official)).isDisplayed()));
            assertEquals("NEWS", text(driver, "#timeline-list li[data-version='1'] .sources .badge"));
            assertTrue(text(driver, "#timeline-list li[data-version='9']").contains("RETRACTED"));
            assertTrue(text(driver, "#timeline-list li[data-version='3']").contains("date 2026-01-29 → 2026-01-late"));

            // the investments: a table (an undisclosed amount says so) and totals per currency
            wait.until(d -> d.findElements(By.cssSelector("#investment-table tbody tr")).size() == 4);
            String table = text(driver, "#investment-table");
            assertTrue(table.contains("undisclosed"), table);
            assertTrue(table.contains("CAD 5.0 bn"), table);
            assertTrue(table.contains("WITHDRAWN"), table);
            assertTrue(text(driver, "#investment-totals").contains("CAD 5.0 bn + USD 500 M"), text(driver, "#investment-totals"));
            assertEquals(1, driver.findElements(By.cssSelector("#chart-sector g.total-undisclosed[data-key='CATHODE_MATERIALS']")).size());
            // Ontario in CAD and in USD; Québec: POSCO's undisclosed amount, apart (Ford's is withdrawn)
            assertEquals(2, driver.findElements(By.cssSelector("#chart-province g.total-bar")).size());
            assertEquals(1, driver.findElements(By.cssSelector("#chart-province g.total-undisclosed[data-key='CA-QC']")).size());

            wait.until(d -> "on".equals(d.findElement(By.id("live")).getAttribute("data-state")));
            screenshot(driver, "dashboard-now.png");
            fullPageScreenshot(driver, "dashboard-now-full.png");

            // as of 1 December 2025: leaders engaged, the 2026 entries gone
            setAsOf(driver, "2025-12-01");
            wait.until(d -> text(d, "#stage").equals("Leaders engaged"));
            wait.until(d -> d.findElements(By.cssSelector("#timeline-svg g.tl-entry")).size() == 3);
            assertTrue(timelineDates(driver).stream().noneMatch(date -> date.startsWith("2026")), timelineDates(driver).toString());
            assertEquals("Nothing pending.", text(driver, "#milestones-pending"));
            assertTrue(text(driver, "#as-of-banner").contains("what had happened by 1 December 2025"));
            assertTrue(driver.getCurrentUrl().contains("asOf=2025-12-01"));
            fullPageScreenshot(driver, "dashboard-as-of-2025-12-01.png");

            // back to now
            driver.findElement(By.id("reset-now")).click();
            wait.until(d -> text(d, "#stage").equals("Committee formed")
                    && d.findElements(By.cssSelector("#timeline-svg g.tl-entry")).size() == 8);

            // live: what is recorded next shows up without reloading the page
            try (Broker broker = new Broker(bootstrap)) {
                broker.publish(Stories.june(id));
            }
            wait.until(d -> text(d, "#stage").equals("Concluded"));
            wait.until(d -> d.findElements(By.cssSelector("#timeline-svg g.tl-entry")).size() == 12);
            assertEquals("Binding agreement in force", text(driver, "#binding"));
            wait.until(d -> text(d, listed).contains("Concluded"));
            fullPageScreenshot(driver, "dashboard-live-concluded.png");

            List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                    .collect(Collectors.toList());
            assertEquals(List.of(), errors, "no errors in the browser console");

            // no valid token: a prompt says how to get one; pasting one brings the dashboard back
            driver.get(base + "#token=not-a-valid-token");
            wait.until(d -> d.findElement(By.id("token-prompt")).isDisplayed());
            assertTrue(text(driver, "#token-prompt").contains("deploy/local/token.sh analyst"));
            assertTrue(text(driver, "#token-reason").contains("401"), text(driver, "#token-reason"));
            screenshot(driver, "dashboard-token-prompt.png");
            driver.findElement(By.id("token-input")).sendKeys(TestTokens.analyst());
            driver.findElement(By.cssSelector("#token-form button[type='submit']")).click();
            wait.until(d -> text(d, "#agreement-id").equals(id) && text(d, "#stage").equals("Concluded"));
        } catch (AssertionError | RuntimeException e) {
            screenshot(driver, "dashboard-failure.png");
            throw e;
        } finally {
            driver.quit();
            deleteRecursively(profile);
        }
    }

    /** Chromium is Debian's (installed by .ci/run); without it the test skips, in CI it fails. */
    private static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = "the dashboard's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver: apt-get install -y chromium chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            fail(missing + ", and CI has none: .ci/run should have installed them");
        }
        System.out.println("SKIPPED: " + missing + "; they are not installed here, so the browser test is skipped");
        Assumptions.abort(missing + "; not installed here, so the browser test is skipped");
    }

    private static ChromeDriver startChromium(Path profile) {
        // both set explicitly, so that Selenium Manager never looks for (or downloads) a browser or a driver
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void setAsOf(WebDriver driver, String day) {
        // what picking a day in the date control does: the value changes, then "change" fires
        ((JavascriptExecutor) driver).executeScript("const input = document.getElementById('as-of');"
                + "input.value = arguments[0]; input.dispatchEvent(new Event('change', {bubbles: true}));", day);
    }

    /**
     * Reads the page again when a live update replaced an element between finding it and reading it (the SSE
     * refresh re-renders what changed): what is read is then the current page, never a half-read one.
     */
    private static <T> T read(Supplier<T> read) {
        for (int attempt = 1;; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException e) {
                if (attempt == 20) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String text(WebDriver driver, String css) {
        return read(() -> {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            return found.isEmpty() ? "" : found.get(0).getText().trim();
        });
    }

    private static String attribute(WebDriver driver, String css, String name) {
        return read(() -> driver.findElement(By.cssSelector(css)).getAttribute(name));
    }

    private static List<String> timelineDates(WebDriver driver) {
        return read(() -> driver.findElements(By.cssSelector("#timeline-svg g.tl-entry")).stream()
                .map(e -> e.getAttribute("data-date")).collect(Collectors.toList()));
    }

    private static void screenshot(WebDriver driver, String name) {
        try {
            byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", name), png);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the screenshot " + name + ": " + e);
        }
    }

    /** The whole page: the window made as tall as the page for the shot, then put back. */
    private static void fullPageScreenshot(WebDriver driver, String name) {
        Dimension before = driver.manage().window().getSize();
        Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                "return Math.ceil(document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(6000, height.intValue() + 120)));
        try {
            screenshot(driver, name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
