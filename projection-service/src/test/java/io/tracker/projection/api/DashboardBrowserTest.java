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
import io.tracker.projection.support.Sample;
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
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                .then()
                .statusCode(200)
                .body("basis.eventsKnown", equalTo(10)));
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}/investments", id)
                .then()
                .statusCode(200)
                .body("investments", hasSize(4)));
        // a second agreement whose two investments both keep their amounts undisclosed
        try (Broker broker = new Broker(bootstrap)) {
            broker.publish(
                    Sample.of("NegotiationOpened").inStream(id + "-u"),
                    Sample.of("InvestmentAnnounced")
                            .inStream("u1-" + id)
                            .replacing(Stories.SAMPLE_NEGOTIATION, id + "-u")
                            .replacing(Stories.SAMPLE_INVESTMENT, "u1-" + id)
                            .set("/amount", "{\"undisclosed\":true}"),
                    Sample.of("InvestmentAnnounced")
                            .inStream("u2-" + id)
                            .replacing(Stories.SAMPLE_NEGOTIATION, id + "-u")
                            .replacing(Stories.SAMPLE_INVESTMENT, "u2-" + id)
                            .set("/amount", "{\"undisclosed\":true}"));
        }
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}/investments", id + "-u")
                .then()
                .statusCode(200)
                .body("investments", hasSize(2)));
    }

    @Test
    void anAnalystSeesWhereTheAgreementStandsNowAndAsOfADate() throws Exception {
        Path profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeDriver driver = startChromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.ignoring(StaleElementReferenceException.class); // live updates redraw what they change
            // sign in: a form, the token kept in this tab's session storage, never in the address or the history
            driver.get(base.toString());
            wait.until(d -> d.findElement(By.id("token-prompt")).isDisplayed());
            assertEquals("password", attribute(driver, "#token-input", "type"));
            assertAccessible(driver, "the sign-in form");
            screenshot(driver, "dashboard-sign-in.png");
            String token = TestTokens.analyst();
            long historyBefore =
                    ((Number) ((JavascriptExecutor) driver).executeScript("return history.length")).longValue();
            driver.findElement(By.id("token-input")).sendKeys(token);
            driver.findElement(By.cssSelector("#token-form button[type='submit']"))
                    .click();

            // the list: the agreement with its stage now; choosing it shows its status
            String listed = "#agreement-list a[data-id='" + id + "']";
            new WebDriverWait(driver, WAIT)
                    .withMessage("the agreement listed with its title and stage now")
                    .until(d ->
                            text(d, listed).contains(TITLE) && text(d, listed).contains("Committee formed"));
            assertFalse(driver.getCurrentUrl().contains(token.substring(0, 20)), "no token in the address");
            assertEquals(
                    token,
                    ((JavascriptExecutor) driver)
                            .executeScript("return sessionStorage.getItem('negotiation-tracker.token')"));
            assertEquals(
                    historyBefore,
                    ((Number) ((JavascriptExecutor) driver).executeScript("return history.length")).longValue(),
                    "signing in adds no history entry");
            wait.until(d -> {
                d.findElement(By.cssSelector(listed)).click();
                return true;
            });
            wait.until(d ->
                    text(d, "#agreement-id").equals(id) && text(d, "#stage").equals("Committee formed"));
            assertEquals(TITLE, text(driver, "#agreement-title"));
            assertEquals("Canada – Republic of Korea", text(driver, "#agreement-parties"));
            assertEquals("Nothing binding yet", text(driver, "#binding"));
            assertEquals("COMMITTEE_FORMED", attribute(driver, "#stage-progress li.current", "data-stage"));
            assertEquals(
                    3,
                    driver.findElements(By.cssSelector("#stage-progress li.done"))
                            .size());
            assertTrue(
                    text(driver, "#milestones-pending").contains("Forum: announced, not established"),
                    text(driver, "#milestones-pending"));
            assertTrue(text(driver, "#milestones-reached").contains("MOU: signed"));
            assertTrue(text(driver, "#participants").contains("Mélanie Joly"));
            assertTrue(text(driver, "#focus-areas").contains("Critical minerals"));

            // the timeline: 8 entries drawn (the correction and retraction shown on what they amend), listed with
            // sources
            wait.until(d ->
                    d.findElements(By.cssSelector("#timeline-svg g.tl-entry")).size() == 8);
            assertEquals(
                    8,
                    driver.findElements(By.cssSelector("#timeline-svg text.tl-label"))
                            .size());
            // what happened by its date, then what is only announced by when it is expected (spring 2026, then 2026)
            assertEquals(
                    List.of(
                            "2025-10-late",
                            "2025-10-late",
                            "2025-10-late",
                            "2026-01-late",
                            "2026-01-29",
                            "2026-01-29",
                            "2026-spring",
                            "2026"),
                    timelineDates(driver));
            assertTrue(
                    text(driver, "#milestones-reached").contains("Delegation talks: held"),
                    text(driver, "#milestones-reached"));
            assertEquals(
                    1,
                    driver.findElements(By.cssSelector("#timeline-svg g.tl-entry.retracted[data-version='9']"))
                            .size());
            assertEquals(
                    1,
                    driver.findElements(By.cssSelector("#timeline-svg g.tl-entry.corrected[data-version='3']"))
                            .size());
            assertEquals(
                    8,
                    driver.findElements(By.cssSelector("#timeline-list > li")).size());
            String official = "#timeline-list li[data-version='4'] .sources .badge";
            assertEquals("OFFICIAL", text(driver, official));
            assertTrue(read(() -> driver.findElement(By.cssSelector(official)).isDisplayed()));
            assertEquals("NEWS", text(driver, "#timeline-list li[data-version='1'] .sources .badge"));
            assertTrue(text(driver, "#timeline-list li[data-version='9']").contains("RETRACTED"));
            assertTrue(text(driver, "#timeline-list li[data-version='3']").contains("date 2026-01-29 → 2026-01-late"));

            // the investments: a table (an undisclosed amount says so) and totals per currency
            wait.until(d ->
                    d.findElements(By.cssSelector("#investment-table tbody tr")).size() == 4);
            String table = text(driver, "#investment-table");
            assertTrue(table.contains("undisclosed"), table);
            assertTrue(table.contains("CAD 5.0 bn"), table);
            assertTrue(table.contains("WITHDRAWN"), table);
            String totals = text(driver, "#investment-totals");
            assertTrue(
                    totals.contains("3 investments: 2 with a disclosed amount, CAD 5.0 bn + USD 500 M; 1 undisclosed"
                            + " (not counted as zero)"),
                    totals);
            assertTrue(totals.contains("1 withdrawn (listed, not totalled)"), totals);
            assertFalse(totals.contains("plus"), totals);
            assertEquals(
                    1,
                    driver.findElements(
                                    By.cssSelector("#chart-sector g.total-undisclosed[data-key='CATHODE_MATERIALS']"))
                            .size());
            // Ontario in CAD and in USD; Québec: POSCO's undisclosed amount, apart (Ford's is withdrawn)
            assertEquals(
                    2,
                    driver.findElements(By.cssSelector("#chart-province g.total-bar"))
                            .size());
            assertEquals(
                    1,
                    driver.findElements(By.cssSelector("#chart-province g.total-undisclosed[data-key='CA-QC']"))
                            .size());

            wait.until(d -> "on".equals(d.findElement(By.id("live")).getAttribute("data-state")));
            screenshot(driver, "dashboard-now.png");
            fullPageScreenshot(driver, "dashboard-now-full.png");
            assertAccessible(driver, "the agreement now");

            // what changed: between two recorded times, the correction, the duplicate and its retraction
            setValue(driver, "changes-from", "2026-02-02T14:50");
            setValue(driver, "changes-to", "2026-02-02T15:45");
            driver.findElement(By.cssSelector("#changes-form button[type='submit']"))
                    .click();
            wait.until(d -> d.findElements(By.cssSelector("#changes-list li")).size() == 3);
            assertEquals("1 fact added, 1 corrected, 1 retracted.", text(driver, "#changes-summary"));
            assertEquals(
                    1,
                    driver.findElements(By.cssSelector("#changes-list li[data-kind='RETRACTED'][data-version='10']"))
                            .size());
            assertTrue(
                    text(driver, "#changes-list li[data-kind='CORRECTED']").contains("v3"),
                    text(driver, "#changes-list"));
            fullPageScreenshot(driver, "dashboard-changes.png");

            // the list's filters: by text, then by stage; they are kept in the address
            setValue(driver, "f-q", id);
            driver.findElement(By.cssSelector("#list-filters button[type='submit']"))
                    .click();
            wait.until(d -> d.findElements(By.cssSelector("#agreement-list a")).size() == 2); // id and id-u
            assertTrue(driver.getCurrentUrl().contains("q=" + id), driver.getCurrentUrl());
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("f-stage")))
                    .selectByValue("COMMITTEE_FORMED");
            driver.findElement(By.cssSelector("#list-filters button[type='submit']"))
                    .click();
            wait.until(d -> d.findElements(By.cssSelector("#agreement-list a")).size() == 1
                    && !d.findElements(By.cssSelector(listed)).isEmpty());
            assertTrue(
                    text(driver, "#list-count").contains("1 agreement matches the filters"),
                    text(driver, "#list-count"));

            // totals that read right when no amount is disclosed
            wait.until(d -> {
                d.findElement(By.id("clear-filters")).click();
                return true;
            });
            setValue(driver, "f-q", id + "-u");
            driver.findElement(By.cssSelector("#list-filters button[type='submit']"))
                    .click();
            String undisclosed = "#agreement-list a[data-id='" + id + "-u']";
            // found and clicked in one step of the wait: the list may be redrawn between a find and a click
            wait.until(d -> {
                d.findElement(By.cssSelector(undisclosed)).click();
                return true;
            });
            wait.until(d -> text(d, "#agreement-id").equals(id + "-u")
                    && text(d, "#investment-totals").equals("2 investments, none with a disclosed amount."));
            driver.findElement(By.id("clear-filters")).click();
            wait.until(d -> !d.findElements(By.cssSelector(listed)).isEmpty());
            driver.findElement(By.cssSelector(listed)).click();
            wait.until(d ->
                    text(d, "#agreement-id").equals(id) && text(d, "#stage").equals("Committee formed"));

            // as of 1 December 2025: leaders engaged, the 2026 entries gone
            setAsOf(driver, "2025-12-01");
            wait.until(d -> text(d, "#stage").equals("Leaders engaged"));
            wait.until(d ->
                    d.findElements(By.cssSelector("#timeline-svg g.tl-entry")).size() == 3);
            assertTrue(
                    timelineDates(driver).stream().noneMatch(date -> date.startsWith("2026")),
                    timelineDates(driver).toString());
            assertEquals("Nothing pending.", text(driver, "#milestones-pending"));
            assertTrue(text(driver, "#as-of-banner").contains("what had happened by 1 December 2025"));
            assertTrue(driver.getCurrentUrl().contains("asOf=2025-12-01"));
            fullPageScreenshot(driver, "dashboard-as-of-2025-12-01.png");

            // a deep link opens the same view (the token stays in the tab, not in the link)
            String link = driver.getCurrentUrl();
            assertTrue(link.contains("agreement=" + id), link);
            driver.get("about:blank");
            driver.get(link);
            wait.until(d ->
                    text(d, "#agreement-id").equals(id) && text(d, "#stage").equals("Leaders engaged"));
            assertEquals("2025-12-01", attribute(driver, "#as-of", "value"));

            // inside an imprecise date: "late October 2025" asked about as of 25 October is possibly, not simply,
            // reached
            setAsOf(driver, "2025-10-25");
            wait.until(d -> text(d, "#milestones-possibly").contains("Leaders' meeting: possibly held by then"));
            assertEquals("None reached.", text(driver, "#milestones-reached"));
            assertTrue(
                    text(driver, "#stage-overlay").startsWith("Possibly leaders engaged"),
                    text(driver, "#stage-overlay"));
            fullPageScreenshot(driver, "dashboard-as-of-2025-10-25.png");

            // back to now
            driver.findElement(By.id("reset-now")).click();
            wait.until(d -> text(d, "#stage").equals("Committee formed")
                    && d.findElements(By.cssSelector("#timeline-svg g.tl-entry"))
                                    .size()
                            == 8);

            // live: what is recorded next shows up without reloading the page (the list filtered to this test's
            // agreements: other test classes of the module leave theirs in the same database, and a page of the
            // whole list need not reach this one)
            setValue(driver, "f-q", id);
            driver.findElement(By.cssSelector("#list-filters button[type='submit']"))
                    .click();
            wait.until(d -> d.findElements(By.cssSelector("#agreement-list a")).size() == 2
                    && !d.findElements(By.cssSelector(listed)).isEmpty());
            try (Broker broker = new Broker(bootstrap)) {
                broker.publish(Stories.june(id));
            }
            wait.until(d -> text(d, "#stage").equals("Concluded"));
            wait.until(d ->
                    d.findElements(By.cssSelector("#timeline-svg g.tl-entry")).size() == 12);
            assertEquals("Binding agreement in force", text(driver, "#binding"));
            wait.until(d -> text(d, listed).contains("Concluded"));
            fullPageScreenshot(driver, "dashboard-live-concluded.png");

            List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                    .map(LogEntry::getMessage)
                    .collect(Collectors.toList());
            assertEquals(List.of(), errors, "no errors in the browser console");

            // a token in an (old) link is never used and is taken out of the address at once
            driver.get(base + "#token=not-a-valid-token&agreement=" + id);
            wait.until(d -> !d.getCurrentUrl().contains("token=")
                    && text(d, "#agreement-id").equals(id));

            // no valid token: a prompt says how to get one; pasting one brings the dashboard back
            ((JavascriptExecutor) driver)
                    .executeScript("sessionStorage.setItem('negotiation-tracker.token', 'not-a-valid-token')");
            driver.navigate().refresh();
            wait.until(d -> d.findElement(By.id("token-prompt")).isDisplayed());
            assertTrue(text(driver, "#token-prompt").contains("deploy/local/token.sh analyst"));
            assertTrue(text(driver, "#token-reason").contains("401"), text(driver, "#token-reason"));
            screenshot(driver, "dashboard-token-prompt.png");
            driver.findElement(By.id("token-input")).sendKeys(TestTokens.analyst());
            driver.findElement(By.cssSelector("#token-form button[type='submit']"))
                    .click();
            wait.until(d ->
                    text(d, "#agreement-id").equals(id) && text(d, "#stage").equals("Concluded"));
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
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void setValue(WebDriver driver, String inputId, String value) {
        ((JavascriptExecutor) driver)
                .executeScript(
                        "const input = document.getElementById(arguments[0]);"
                                + "input.value = arguments[1]; input.dispatchEvent(new Event('input', {bubbles: true}));",
                        inputId,
                        value);
    }

    /**
     * axe-core (the npm package, version {@value #AXE_VERSION}) run in the page: no violation of impact serious or
     * critical. The package is fetched with npm into target/ once; without npm the check fails in CI and is
     * skipped (said so) elsewhere.
     */
    private static void assertAccessible(WebDriver driver, String what) {
        String axe = axeSource();
        if (axe == null) {
            return;
        }
        ((JavascriptExecutor) driver).executeScript(axe);
        Object result = ((JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations.map(v =>"
                        + " ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))),"
                        + " e => done('error: ' + e));");
        String violations = String.valueOf(result);
        assertFalse(violations.startsWith("error"), violations);
        List<String> serious = java.util.Arrays.stream(violations.split("\\},\\{"))
                .filter(v -> v.contains("\"impact\":\"serious\"") || v.contains("\"impact\":\"critical\""))
                .toList();
        System.out.println("axe-core on " + what + ": " + violations);
        assertEquals(List.of(), serious, "no serious or critical accessibility violation on " + what);
    }

    private static final String AXE_VERSION = "4.14.1";

    private static String axeSource() {
        Path dir = Path.of("target", "axe-core");
        Path script = dir.resolve("package").resolve("axe.min.js");
        try {
            if (!Files.exists(script)) {
                Files.createDirectories(dir);
                if (!run(dir, "npm", "pack", "--silent", "axe-core@" + AXE_VERSION)
                        || !run(dir, "tar", "-xzf", "axe-core-" + AXE_VERSION + ".tgz")) {
                    String missing = "the accessibility check needs axe-core " + AXE_VERSION
                            + " from the npm registry (npm pack)";
                    if ("true".equals(System.getenv("CI"))) {
                        fail(missing + ", and npm could not fetch it");
                    }
                    System.out.println(
                            "SKIPPED: " + missing + "; npm is missing or offline here, so the check is skipped");
                    return null;
                }
            }
            return Files.readString(script);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void setAsOf(WebDriver driver, String day) {
        // what picking a day in the date control does: the value changes, then "change" fires
        ((JavascriptExecutor) driver)
                .executeScript(
                        "const input = document.getElementById('as-of');"
                                + "input.value = arguments[0]; input.dispatchEvent(new Event('change', {bubbles: true}));",
                        day);
    }

    /**
     * Reads the page again when a live update replaced an element between finding it and reading it (the SSE
     * refresh re-renders what changed): what is read is then the current page, never a half-read one.
     */
    private static <T> T read(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
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
                .map(e -> e.getAttribute("data-date"))
                .collect(Collectors.toList()));
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
        Number height = (Number)
                ((JavascriptExecutor) driver).executeScript("return Math.ceil(document.documentElement.scrollHeight);");
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
