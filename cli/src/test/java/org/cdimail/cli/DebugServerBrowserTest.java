package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code debug-server --web} driven in a real headless Chromium: what a user sees, and what a
 * hostile message cannot do.
 */
class DebugServerBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TITLE = "cdi-mail debug server";

    @TempDir
    static Path downloads;

    @TempDir
    Path dir;

    private static ChromeDriver browser;
    private static WebDriverWait waiting;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start(downloads);
        // The list is rebuilt when a message arrives: an element found a moment ago may be gone.
        waiting = new WebDriverWait(browser, WAIT);
        waiting.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void leaveThePage() {
        browser.switchTo().defaultContent();
        browser.get("about:blank");
    }

    @Test
    void listsANewMessageWithoutReloadingAndShowsItsHtmlInlineImageAndAttachment() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir)) {
            open(server);
            browser.executeScript("window.notReloaded = true;");

            WebTestMessages.sendText(server.smtpPort(), "Welcome aboard", "Your account is ready.");
            WebTestMessages.sendText(server.smtpPort(), "Password reset", "Use this link to choose a new password.");
            WebTestMessages.sendNewsletter(server.smtpPort(), "Quarterly report");
            waiting.until(d -> texts(".subject").equals(List.of("Quarterly report", "Password reset", "Welcome aboard")));

            assertThat(browser.executeScript("return window.notReloaded === true;")).as("the page was not reloaded").isEqualTo(true);
            List<WebElement> rows = browser.findElements(By.cssSelector("#messages li"));
            WebElement newest = rows.get(0);
            assertThat(newest.findElement(By.className("from")).getText()).isEqualTo("Ada Lovelace");
            assertThat(newest.findElement(By.className("to")).getText()).isEqualTo("To: bob@example.com, carol@example.com");
            assertThat(newest.findElement(By.className("attachment-mark")).getText()).contains("1");
            assertThat(rows.get(1).findElements(By.className("attachment-mark"))).isEmpty();

            newest.click();
            waiting.until(ExpectedConditions.textToBe(By.id("m-subject"), "Quarterly report"));
            waiting.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("html-frame")));
            WebElement logo = waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("logo")));
            waiting.until(d -> Integer.parseInt(logo.getDomProperty("naturalWidth")) > 0);
            assertThat(logo.getDomProperty("naturalWidth")).isEqualTo("96");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Quarterly report");
            browser.switchTo().defaultContent();
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "debug-server.png"),
                    StandardCopyOption.REPLACE_EXISTING);

            browser.findElement(By.id("tab-text")).click();
            assertThat(browser.findElement(By.id("text-body")).getText()).contains("The quarterly report is attached.");
            browser.findElement(By.id("tab-headers")).click();
            assertThat(browser.findElement(By.id("headers-table")).getText()).contains("Subject Quarterly report");
            browser.findElement(By.id("tab-raw")).click();
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("raw-body"), "Subject: Quarterly report"));

            browser.findElement(By.id("tab-attachments")).click();
            assertThat(browser.findElement(By.id("tab-attachments")).getText()).isEqualTo("Attachments (2)");
            browser.findElement(By.linkText("report.pdf")).click();
            Path downloaded = downloads.resolve("report.pdf");
            waiting.until(d -> Files.isRegularFile(downloaded) && size(downloaded) == WebTestMessages.PDF.length);
            assertThat(Files.readAllBytes(downloaded)).isEqualTo(WebTestMessages.PDF);
        }
    }

    @Test
    void searchFiltersTheListAndDeletingEmptiesItLive() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir)) {
            WebTestMessages.sendText(server.smtpPort(), "Invoice 42", "Please pay by Friday.");
            WebTestMessages.sendText(server.smtpPort(), "Welcome", "Your account is ready.");
            open(server);
            waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), 2));

            browser.findElement(By.id("search")).sendKeys("friday");
            waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), 1));
            assertThat(browser.findElement(By.cssSelector("#messages li .subject")).getText()).isEqualTo("Invoice 42");
            browser.findElement(By.id("search")).clear();
            browser.findElement(By.id("search")).sendKeys(" ");
            waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), 2));

            browser.findElement(By.cssSelector("#messages li")).click();
            waiting.until(ExpectedConditions.textToBe(By.id("m-subject"), "Welcome"));
            browser.findElement(By.id("m-delete")).click();
            waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), 1));
            waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.id("message")));

            browser.findElement(By.id("delete-all")).click();
            waiting.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages li"), 0));
            assertThat(browser.findElement(By.id("empty")).isDisplayed()).isTrue();
            assertThat(server.json("/api/v1/messages").getInt("total")).isZero();
        }
    }

    @Test
    void aHostileMessageRunsNoScriptAndLoadsNoRemoteContentUntilAsked() throws Exception {
        Queue<String> hits = new ConcurrentLinkedQueue<>();
        HttpServer listener = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        listener.createContext("/", exchange -> {
            hits.add(exchange.getRequestURI().getPath());
            byte[] image = WebTestMessages.LOGO;
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, image.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(image);
            }
        });
        listener.start();
        String callback = "http://127.0.0.1:" + listener.getAddress().getPort();
        String subject = "<img src=x onerror=\"document.title='pwned-subject'\"> Hostile";
        String html = "<html><head><script>window.top.document.title='pwned-script';"
                + "document.addEventListener('DOMContentLoaded', () => document.getElementById('hostile').textContent = 'pwned');"
                + "fetch('" + callback + "/script');console.log('cdi-mail-xss-executed')</script></head><body>"
                + "<h1 id=\"hostile\">Hostile</h1>"
                + "<img id=\"broken\" src=\"x\" onerror=\"new Image().src='" + callback + "/onerror';"
                + "window.top.document.title='pwned-onerror';console.log('cdi-mail-xss-executed')\">"
                + "<a id=\"link\" href=\"javascript:new Image().src='" + callback + "/javascript-link';"
                + "window.top.document.title='pwned-link'\">Click me</a>"
                + "<svg onload=\"new Image().src='" + callback + "/svg'\"></svg>"
                + "<iframe src=\"javascript:parent.parent.document.title='pwned-iframe'\"></iframe>"
                + "<img id=\"remote\" src=\"" + callback + "/remote-image.png\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + callback + "/refresh\">"
                + "<link rel=\"stylesheet\" href=\"" + callback + "/remote-style.css\">"
                + "</body></html>";
        try (WebDebugServer server = WebDebugServer.start(dir)) {
            open(server);
            WebTestMessages.sendHtml(server.smtpPort(), subject, html);
            WebElement row = waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages li")));
            assertThat(row.findElement(By.className("subject")).getText()).as("shown as text").isEqualTo(subject);

            row.click();
            waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("remote-note")));
            waiting.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("html-frame")));
            WebElement heading = waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("hostile")));
            browser.findElement(By.id("link")).click();
            assertThat(heading.getText()).as("the frame's own script did not run").isEqualTo("Hostile");
            browser.switchTo().defaultContent();
            assertThat(hits).as("nothing remote loaded before the user asked").isEmpty();

            // The positive control: the frame can reach the listener once remote content is
            // allowed, so the absence of the other calls is not a listener that cannot be reached.
            browser.findElement(By.id("load-remote")).click();
            waiting.until(d -> hits.contains("/remote-image.png") && hits.contains("/remote-style.css"));
            waiting.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("html-frame")));
            WebElement link = waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("link")));
            link.click();
            browser.switchTo().defaultContent();
            // One more round trip through the page after the clicks before looking at the evidence.
            browser.findElement(By.id("tab-text")).click();
            waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("text-body")));

            assertThat(hits).as("only the remote content the user asked for")
                    .containsOnly("/remote-image.png", "/remote-style.css");
            assertThat(browser.getTitle()).isEqualTo(TITLE);
            List<String> log = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
            assertThat(log).noneMatch(line -> line.contains("cdi-mail-xss-executed"));
            assertThat(log).as("the browser says what it blocked")
                    .anyMatch(line -> line.contains("Blocked script execution") && line.contains("sandboxed"))
                    .anyMatch(line -> line.contains("Running the JavaScript URL violates"))
                    .anyMatch(line -> line.contains("remote-image.png") && line.contains("has been blocked"));
        } finally {
            listener.stop(0);
        }
    }

    private static void open(WebDebugServer server) {
        browser.get(server.url("/"));
        waiting.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        assertThat(browser.getTitle()).isEqualTo(TITLE);
    }

    /** The texts of one element of each row of the list, top to bottom. */
    private static List<String> texts(String selector) {
        return browser.findElements(By.cssSelector("#messages li " + selector)).stream().map(WebElement::getText).toList();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
