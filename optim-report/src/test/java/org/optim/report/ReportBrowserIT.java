package org.optim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.optim.report.html.Format;

/**
 * Opens a generated report in headless Chromium from {@code file://} and checks what a reader sees:
 * no console error, every paper table's cells (Table II) equal to its CSV beside the page (and, for the
 * report this test generates itself, to the run logs), every figure drawn in a non-empty box, HTML-hostile names shown
 * as text, no horizontal scrolling in a 1366 px laptop window, and a printable page (print media,
 * PDF). Screenshots go to {@code target/report-*.png}, the PDF to {@code target/report.pdf}.
 *
 * <p>System properties: {@code optim.report.dir} opens that report folder, {@code optim.runs.dir}
 * generates the report of that runs folder (e.g. quick runs of the real manifests); without either
 * the test generates one from {@link RunLogFixture}'s run logs; {@code optim.chromium} and {@code optim.chromedriver} override
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}. Without a browser the test is skipped,
 * except when the {@code CI} environment variable is set: then it fails.
 */
class ReportBrowserIT {
    private static Path report;
    private static boolean generated;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void open() throws IOException {
        Path chromium = Path.of(System.getProperty("optim.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("optim.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String missing = "headless browser missing: " + chromium + ", " + chromedriver + " (Debian packages chromium, chromium-driver; .ci/run installs them)";
            if (System.getenv("CI") != null) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }
        String dir = System.getProperty("optim.report.dir", "");
        String runsDir = System.getProperty("optim.runs.dir", "");
        Path target = Path.of("target").toAbsolutePath();
        if (dir.isBlank() && !runsDir.isBlank()) {
            report = target.resolve("browser-it/report-of-runs");
            new Report(null).write(Path.of(runsDir), report);
        } else if (dir.isBlank()) {
            Path root = target.resolve("browser-it");
            Path runs = root.resolve("runs");
            if (!Files.isDirectory(runs)) {
                RunLogFixture.write(runs);
            }
            report = root.resolve("report");
            new Report(null).write(runs, report);
            generated = true;
        } else {
            report = Path.of(dir).toAbsolutePath();
        }
        profile = Files.createTempDirectory(target, "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1366,900", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.get(report.resolve("index.html").toUri().toString());
    }

    @AfterAll
    static void close() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void noConsoleErrors() {
        List<String> errors = severe();
        assertThat(errors).as("console errors").isEmpty();
        // The check itself works: an error logged now is seen.
        ((JavascriptExecutor) driver).executeScript("console.error('optim-probe')");
        assertThat(severe()).anyMatch(e -> e.contains("optim-probe"));
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void paperTableCellsMatchTheCsvAndTheRunLogs() throws IOException {
        List<WebElement> sections = driver.findElements(By.cssSelector("section.section-paper-table"));
        assertThat(sections).as("paper tables (Table II)").isNotEmpty();
        if (generated) {
            assertThat(driver.findElements(By.cssSelector("table.paper-table[data-table='table-ii']"))).hasSize(1);
        }
        int checked = 0;
        for (WebElement section : sections) {
            WebElement table = section.findElement(By.cssSelector("table.paper-table"));
            String href = section.findElement(By.cssSelector("a[href$='.csv']")).getAttribute("href");
            List<String> csv = Files.readAllLines(Path.of(java.net.URI.create(href)));
            assertThat(csv.get(0)).isEqualTo("epoch,arm,paper,mean,std,n,delta");
            for (String line : csv.subList(1, csv.size())) {
                checkRow(table, ReportTest.csvCells(line), line);
                checked++;
            }
        }
        assertThat(checked).isPositive();
        scrollTo(sections.get(0));
        screenshot("report-table-ii.png");
    }

    private static void checkRow(WebElement table, List<String> cells, String line) throws IOException {
        String epoch = cells.get(0);
        String arm = cells.get(1);
        WebElement row = table.findElement(By.cssSelector("tr[data-epoch='" + epoch + "']"));
        WebElement reproduced = cell(row, "reproduced", arm, line);
        assertThat(cell(row, "paper", arm, line).getText()).as(line)
                .isEqualTo(cells.get(2).isEmpty() ? "" : Format.num(Double.parseDouble(cells.get(2))));
        if (cells.get(5).equals("0")) {
            assertThat(reproduced.getText()).as(line).containsAnyOf("diverged", "no run reached");
            return;
        }
        String mean = reproduced.findElement(By.cssSelector("[data-field='mean']")).getText();
        assertThat(mean).as(line).isEqualTo(Format.num(Double.parseDouble(cells.get(3))));
        assertThat(reproduced.findElement(By.cssSelector("[data-field='n']")).getText()).as(line).isEqualTo(cells.get(5));
        if (!cells.get(4).isEmpty()) {
            assertThat(reproduced.findElement(By.cssSelector("[data-field='std']")).getText()).as(line).isEqualTo(Format.num(Double.parseDouble(cells.get(4))));
        }
        if (generated) {
            List<Double> values = RunLogFixture.readBack(report.resolveSibling("runs").resolve("mnist-paper"), arm, "test_accuracy", Integer.parseInt(epoch));
            assertThat(mean).as(line).isEqualTo(Format.num(values.stream().mapToDouble(Double::doubleValue).sum() / values.size()));
            assertThat(Integer.parseInt(cells.get(5))).isEqualTo(values.size());
        }
    }

    private static WebElement cell(WebElement row, String field, String arm, String line) {
        return row.findElements(By.cssSelector("td[data-field='" + field + "']")).stream()
                .filter(td -> arm.equals(td.getAttribute("data-arm"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " cell for " + line));
    }

    @Test
    void everyFigureRendersInANonEmptyBox() throws IOException {
        List<WebElement> figures = driver.findElements(By.cssSelector("figure"));
        assertThat(figures).isNotEmpty();
        List<String> empty = new ArrayList<>();
        for (WebElement f : figures) {
            WebElement svg = f.findElement(By.tagName("svg"));
            var rect = svg.getRect();
            Object drawn = ((JavascriptExecutor) driver).executeScript(
                    "const b = arguments[0].getBBox(); return b.width * b.height;", svg);
            if (rect.getWidth() < 100 || rect.getHeight() < 60 || ((Number) drawn).doubleValue() <= 0) {
                empty.add(f.getAttribute("id") + " " + rect.getWidth() + "x" + rect.getHeight());
            }
        }
        assertThat(empty).as("figures drawn in an empty box").isEmpty();
        scrollTo(figures.get(0));
        screenshot("report-figures.png");
        WebElement last = driver.findElements(By.cssSelector("section.section-figures")).stream()
                .filter(s -> s.getAttribute("id").endsWith("-trajectories")).findFirst().orElse(figures.get(figures.size() - 1));
        scrollTo(last);
        screenshot("report-trajectories.png");
    }

    @Test
    void fitsALaptopScreenAndPrints() throws IOException {
        JavascriptExecutor js = driver;
        assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
                .as("page wider than a 1366 px laptop window").isLessThanOrEqualTo(0);
        try {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            WebElement figure = driver.findElements(By.cssSelector("figure svg")).get(0);
            assertThat(figure.getRect().getWidth()).isGreaterThan(100);
            scrollTo(figure);
            screenshot("report-print.png");
            Map<String, Object> pdf = driver.executeCdpCommand("Page.printToPDF", Map.of("printBackground", true));
            byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
            assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            Files.write(Path.of("target", "report.pdf"), bytes);
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    void hostileNamesShowAsText() throws IOException {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        screenshot("report-top.png");
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
        if (generated) {
            assertThat(driver.findElement(By.cssSelector("section.experiment h2")).getText()).isEqualTo(RunLogFixture.HOSTILE_TITLE);
            assertThat(driver.findElement(By.tagName("body")).getText()).contains(RunLogFixture.HOSTILE_LABEL, RunLogFixture.HOSTILE_ARM);
        }
    }

    private static void scrollTo(WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})", e);
    }

    private static void screenshot(String name) throws IOException {
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(Path.of("target", name), Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static List<String> severe() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getLevel() + " " + e.getMessage().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
