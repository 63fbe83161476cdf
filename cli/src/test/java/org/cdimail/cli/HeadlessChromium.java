package org.cdimail.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's {@code chromium}, headless, driven through its {@code chromedriver}. Both are found
 * at fixed paths (system properties {@code cdimail.chromium} and {@code cdimail.chromedriver}
 * override them), never downloaded: when either is missing the test fails and says what to
 * install, it does not skip.
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("cdimail.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("cdimail.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /**
     * Starts a browser.
     *
     * @param downloads where the browser saves downloads, without asking
     * @return the driver; the caller quits it
     */
    static ChromeDriver start(Path downloads) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The web view's browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (on Debian: apt-get install chromium chromium-driver; or set -Dcdimail.chromium and"
                    + " -Dcdimail.chromedriver). They are not skipped: CI installs them.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: Chromium's own process sandbox cannot start as root or in most containers.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=en-US", "--no-first-run", "--disable-extensions",
                // Frames of other origins in the page's own process, so that their console
                // messages (a sandboxed frame's blocked scripts) reach the browser log too.
                "--disable-site-isolation-trials", "--disable-features=IsolateOrigins,site-per-process");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }
}
