package io.leadhandoff.console;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: headless Chromium driven through chromedriver (Debian's chromium and
 * chromium-driver packages; .ci/run installs them). Skipped, with a message, where they are missing.
 * Screenshots of every page land in target/console-screens/.
 */
@QuarkusTest
class ConsoleBrowserTest {

    @jakarta.inject.Inject
    io.leadhandoff.TestClock clock;

    static final Path SCREENS = Path.of("target", "console-screens");
    private static WebDriver browser;
    private static Path profile;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        File driver = executable("chromedriver");
        File chromium = executable("chromium");
        Assumptions.assumeTrue(driver != null && chromium != null,
                "Browser tests skipped: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1100",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build(), options);
        Files.createDirectories(SCREENS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void everyPageShowsTheApisNumbersAndLogsNoError() throws IOException {
        String source = TestData.unique("web");
        String accepted = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source, "title", "VP Sales", "company", "Acme"));
        String rejected = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source));
        Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source));
        Api.feedback(accepted, Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        Api.feedback(rejected, Map.of("outcome", "REJECTED", "reason", "NO_BUDGET")).then().statusCode(200);
        seedSourcesOfDifferentQuality();
        signIn(Api.ADMIN_KEY);

        open("/console", "overview");
        assertThat(browser.findElement(By.id("received-today")).getText()).isNotBlank();

        open("/console/lead-quality?groupBy=source", "lead-quality");
        Map<String, Object> api = given().queryParam("groupBy", "source").get("/api/v1/reports/lead-quality").then().statusCode(200)
                .extract().path("rows.find { it.group == '" + source + "' }");
        List<String> row = cells(browser.findElement(By.xpath("//table[@id='quality-table']//tr[th='" + source + "']")));
        assertThat(row.subList(2, 6)).containsExactly(String.valueOf(api.get("received")), String.valueOf(api.get("accepted")),
                String.valueOf(api.get("rejected")), percent(api.get("acceptanceRate")));
        assertThat(row.get(8)).as("converted, after the previous period's columns").isEqualTo(String.valueOf(api.get("converted")));
        assertThat(row.get(row.size() - 1)).isEqualTo("No budget (1)");
        assertThat(browser.findElement(By.cssSelector("svg[role=img] title")).getAttribute("textContent")).contains("Acceptance rate by source");

        open("/console/funnel", "funnel");
        List<Integer> counts = given().get("/api/v1/reports/funnel").then().statusCode(200).extract().path("steps.count");
        assertThat(browser.findElements(By.cssSelector("#funnel-table tbody td:nth-of-type(1)")).stream().map(WebElement::getText).toList())
                .containsExactlyElementsOf(counts.stream().map(c -> String.format(Locale.ROOT, "%,d", c)).toList());

        open("/console/queues", "queues");
        Integer routed = given().get("/api/v1/reports/sla").then().statusCode(200).extract().path("queues.find { it.queueId == 'inbound' }.routed");
        assertThat(cells(browser.findElement(By.xpath("//table[@id='queues-table']//tr[normalize-space(th/text()[1])='inbound']"))).get(4))
                .isEqualTo(String.format(Locale.ROOT, "%,d", routed));

        open("/console/models", "models");
        Map<String, Object> calibration = given().get("/api/v1/reports/score-calibration").then().statusCode(200).extract().path("");
        assertThat(browser.findElement(By.id("auc")).getText()).isEqualTo(decimal(calibration.get("auc")));
        assertThat(browser.findElement(By.id("brier")).getText()).isEqualTo(decimal(calibration.get("brierScore")));

        open("/console/leads/" + accepted, "lead");
        assertThat(browser.findElements(By.cssSelector("#timeline li"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.findElements(By.cssSelector("svg[role=img]"))).hasSize(2);
    }

    @Test
    void aCompanyNamedLikeMarkupRendersAsText() {
        String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        String lead = Api.ingest(Map.of("email", TestData.uniqueEmail(), "company", hostile));
        signIn(Api.ADMIN_KEY);
        open("/console/leads/" + lead, "lead-injection");
        assertThat(browser.findElement(By.xpath("//dl[@id='lead-facts']/div[dt='Company']/dd")).getText()).isEqualTo(hostile);
        assertThat(browser.findElements(By.cssSelector("main script, main img"))).isEmpty();
        try {
            browser.switchTo().alert();
            throw new AssertionError("an alert opened: the company name ran as script");
        } catch (NoAlertPresentException expected) {
            // the name stayed text
        }
    }

    @Test
    void signedOutAndWrongScopeAreRefused() {
        browser.manage().deleteAllCookies();
        browser.get(url("/console/funnel"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        signIn(Api.apiKey(Map.of("scopes", List.of("leads:write"))));
        browser.get(url("/console/lead-quality"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("reports:read");
        browser.findElement(By.cssSelector("form.who button")).click();
        awaitUrl(".*/console/sign-in$");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        assertThat(browser.manage().getCookieNamed(ConsoleAuth.COOKIE)).isNull();
    }

    @Test
    void everyCountClickedOpensTheListOfThatManyLeads() {
        String source = TestData.unique("click");
        String lead = null;
        for (int i = 0; i < 5; i++) {
            lead = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source, "company", "Clickthrough " + i));
            Api.feedback(lead, i < 2 ? Map.of("outcome", "ACCEPTED") : Map.of("outcome", "REJECTED", "reason", "BAD_CONTACT_DATA"))
                    .then().statusCode(200);
        }
        Console.RoutedQueue queue = Console.routedQueue();
        Api.ingest(Map.of("email", queue.email(), "company", "Waiting Co"));
        // reports are exact as of their refresh from the change feed, which may trail the lead table for a moment
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("groupBy", "source").get("/api/v1/reports/lead-quality")
                .then().statusCode(200).extract().<Integer>path("rows.find { it.group == '" + source + "' }.rejected"), r -> r != null && r == 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/reports/sla").then().statusCode(200)
                .extract().<Integer>path("queues.find { it.queueId == '" + queue.queueId() + "' }.routed"), r -> r != null && r == 1);
        signIn(Api.ADMIN_KEY);

        open("/console/lead-quality?groupBy=source", "lead-quality");
        for (int column : List.of(2, 3, 4, 8)) {
            clickCountAndCompare("//table[@id='quality-table']//tr[th='" + source + "']/td[" + column + "]/a");
            browser.navigate().back();
        }
        clickCountAndCompare("//table[@id='quality-table']//tr[th='" + source + "']/td[last()]/a");
        assertThat(browser.findElement(By.id("lead-count-sentence")).getText()).contains("rejected as BAD_CONTACT_DATA");

        open("/console/funnel", "funnel");
        clickCountAndCompare("//table[@id='funnel-table']//tr[th='accepted']/td[1]/a");

        open("/console/queues", "queues");
        clickCountAndCompare("//table[@id='queues-table']//tr[normalize-space(th/text()[1])='" + queue.queueId() + "']/td[2]/a");
        browser.navigate().back();
        clickCountAndCompare("//table[@id='queues-table']//tr[normalize-space(th/text()[1])='" + queue.queueId() + "']/td[4]/a");

        open("/console", "overview");
        clickCountAndCompare("//section[@aria-labelledby='waiting']//tr[th='" + queue.queueId() + "']/td[1]/a");
        assertNoAxeViolations();

        browser.findElement(By.id("header-q")).sendKeys("Clickthrough 4");
        browser.findElement(By.cssSelector("form.search button")).click();
        awaitUrl(".*/console/leads\\?q=.*");
        assertThat(browser.findElement(By.id("lead-count")).getText()).isEqualTo("1");
        browser.findElement(By.cssSelector("#leads-table tbody td a")).click();
        awaitUrl(".*/console/leads/" + lead + "$");

        open("/console/leads?source=" + source + "&sort=-company", "leads");
        assertThat(browser.findElements(By.cssSelector("#leads-table tbody th + td")).stream().map(WebElement::getText).toList())
                .containsExactly("Clickthrough 4", "Clickthrough 3", "Clickthrough 2", "Clickthrough 1", "Clickthrough 0");
        assertThat(browser.findElement(By.xpath("//th[a='Company']")).getAttribute("aria-sort")).isEqualTo("descending");
        assertNoAxeViolations();
    }

    /** The trend and the rejection reasons of a week of their own: every count clicked lists that many leads. */
    @Test
    void trendAndRejectionReasonCountsOpenTheirLeadsAndQueuesSortByAHeaderClicked() {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(7);
        clock.advance(Duration.between(clock.instant(), today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        String source = TestData.unique("trend");
        for (int i = 0; i < 4; i++) {
            String lead = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source));
            Api.feedback(lead, i == 0 ? Map.of("outcome", "ACCEPTED") : Map.of("outcome", "REJECTED", "reason", i == 1 ? "NO_BUDGET" : "NOT_A_FIT"))
                    .then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("groupBy", "source")
                .queryParam("from", today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString()).get("/api/v1/reports/lead-quality")
                .then().statusCode(200).extract().<Integer>path("rows.find { it.group == '" + source + "' }.rejected"), r -> r != null && r == 3);
        signIn(Api.ADMIN_KEY);
        String page = "/console/lead-quality?groupBy=source&from=" + today.minusDays(6) + "&to=" + today;
        open(page, "lead-quality-trend");
        assertThat(browser.findElement(By.cssSelector("#trend-chart-title")).getAttribute("textContent")).contains("day by day");
        assertThat(browser.findElement(By.cssSelector("#reasons-chart-title")).getAttribute("textContent")).contains("Rejected leads by source");
        for (int link = 1; link <= 2; link++) {
            clickCountAndCompare("//table[@id='trend-table']//tr[th='" + source + "']/td[last()]/a[" + link + "]");
            browser.navigate().back();
        }
        for (int column = 1; column <= 3; column++) {
            clickCountAndCompare("//table[@id='reasons-table']//tr[th='" + source + "']/td[" + column + "]/a");
            browser.navigate().back();
        }
        assertNoAxeViolations();

        Console.RoutedQueue busy = Console.routedQueue();
        Console.RoutedQueue quiet = Console.routedQueue();
        Api.ingest(Map.of("email", busy.email()));
        open("/console/queues", "queues-sorted");
        browser.findElement(By.xpath("//table[@id='queues-table']//th/a[text()='Waiting']")).click();
        awaitUrl(".*/console/queues\\?.*sort=waiting$");
        browser.findElement(By.xpath("//table[@id='queues-table']//th/a[text()='Waiting']")).click();
        awaitUrl(".*/console/queues\\?.*sort=-waiting$");
        assertThat(browser.findElement(By.xpath("//table[@id='queues-table']//th[a='Waiting']")).getAttribute("aria-sort")).isEqualTo("descending");
        List<String> order = browser.findElements(By.cssSelector("#queues-table tbody th")).stream().map(e -> e.getText().split(" ")[0]).toList();
        assertThat(order.indexOf(busy.queueId())).isNotNegative().isLessThan(order.indexOf(quiet.queueId()));
        assertNoAxeViolations();
    }

    @Test
    void atPhoneWidthNoPageScrollsSidewaysAndChartTextStaysReadable() {
        Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", TestData.unique("phone"), "company", "Phone Co"));
        String lead = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", "phone", "title", "VP Sales", "company", "Acme"));
        seedSourcesOfDifferentQuality();
        signIn(Api.ADMIN_KEY);
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth");
            assertThat(viewport).isLessThanOrEqualTo(390);
            for (String path : List.of("/console", "/console/leads", "/console/lead-quality?groupBy=source", "/console/lead-quality?groupBy=scoreBand",
                    "/console/funnel", "/console/queues", "/console/models", "/console/leads/" + lead)) {
                open(path, "phone" + path.replaceAll("[^a-z]+", "-"));
                long width = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
                assertThat(width).as("page width of " + path + " at 390 px").isLessThanOrEqualTo(viewport);
                Number smallest = (Number) ((JavascriptExecutor) browser).executeScript(
                        "let min = 99; for (const t of document.querySelectorAll('svg.chart text')) {"
                                + " const svg = t.ownerSVGElement; const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
                                + " min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale); } return min;");
                assertThat(smallest.doubleValue()).as("smallest chart text on " + path + " in px").isGreaterThanOrEqualTo(11);
                assertNoAxeViolations();
            }
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    /** Clicks a count, and checks the list it opens says it holds that many leads. */
    private void clickCountAndCompare(String xpath) {
        WebElement link = browser.findElement(By.xpath(xpath));
        String count = link.getText();
        link.click();
        awaitUrl(".*/console/leads\\?.*");
        assertThat(browser.findElement(By.id("lead-count")).getText()).as("leads behind " + xpath).isEqualTo(count);
        int shown = browser.findElements(By.cssSelector("#leads-table tbody tr")).size();
        assertThat(shown).isEqualTo(Math.min(50, Integer.parseInt(count.replace(",", ""))));
    }

    /** axe-core's rules (WCAG 2 A and AA) on the page as shown: none may fail. */
    private void assertNoAxeViolations() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
        assertThat(results.getViolations()).as("axe on " + browser.getCurrentUrl())
                .extracting(r -> r.getId() + ": " + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList())
                .isEmpty();
    }

    /** A few sources whose leads sales judged differently, so the charts (and the screenshots) have something to rank. */
    private static void seedSourcesOfDifferentQuality() {
        List<String> reasons = List.of("NOT_A_FIT", "NO_BUDGET", "BAD_CONTACT_DATA", "NO_NEED");
        String[] sources = {"webinar", "partner-referral", "paid-search", "purchased-list"};
        for (int s = 0; s < sources.length; s++) {
            String source = TestData.unique(sources[s]);
            for (int i = 0; i < 6; i++) {
                String lead = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source));
                Map<String, Object> verdict = i < 5 - s ? Map.of("outcome", "ACCEPTED")
                        : Map.of("outcome", "REJECTED", "reason", reasons.get((i + s) % reasons.size()));
                Api.feedback(lead, verdict).then().statusCode(200);
            }
        }
    }

    /** Waits for the navigation a form submission started (a click returns once the form is submitted). */
    private void awaitUrl(String pattern) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches(pattern));
        } catch (TimeoutException e) {
            throw new AssertionError("still at " + browser.getCurrentUrl() + " showing: " + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Signs in through the form, as a person would; the browser then holds a session cookie, never the key. */
    private void signIn(String key) {
        browser.manage().deleteAllCookies();
        browser.get(url("/console"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        browser.findElement(By.id("apiKey")).sendKeys(key);
        browser.findElement(By.cssSelector("form.signin button")).click();
        // the click returns once the form is submitted, not always after the redirect has loaded
        awaitUrl(".*/console$");
        assertThat(browser.getCurrentUrl()).endsWith("/console");
        assertThat(browser.manage().getCookies()).singleElement()
                .satisfies(c -> {
                    assertThat(c.getName()).isEqualTo(ConsoleAuth.COOKIE);
                    assertThat(c.getValue()).doesNotContain(key);
                    assertThat(c.isHttpOnly()).isTrue();
                });
        browser.manage().logs().get(LogType.BROWSER);
    }

    /** Opens a page, saves its screenshot, and fails on anything the browser logged as an error (CSP violations included). */
    private void open(String path, String name) {
        browser.get(url(path));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        assertThat(browser.getCurrentUrl()).doesNotEndWith("/console/sign-in");
        try {
            Files.copy(((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot save the screenshot of " + path, e);
        }
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).as("browser console errors on " + path).isEmpty();
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.xpath("./th|./td")).stream().map(WebElement::getText).toList();
    }

    private static String percent(Object rate) {
        return rate == null ? "–" : String.format(Locale.ROOT, "%.1f %%", ((Number) rate).doubleValue() * 100);
    }

    private static String decimal(Object value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue());
    }

    private static File executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate;
            }
        }
        return null;
    }
}
