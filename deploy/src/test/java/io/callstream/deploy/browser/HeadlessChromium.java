package io.callstream.deploy.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are named, so that Selenium Manager
 * never tries to download a driver or a browser (this machine has no internet at run time). Where either is missing,
 * the calling test is skipped with the command that installs them; CI installs them and fails on such a skip.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Collected by CI as artifacts: what the page looked like in each test. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Logger log = LoggerFactory.getLogger(HeadlessChromium.class);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with a fresh profile, or skips the calling test where Chromium or its driver is absent. */
    public static HeadlessChromium start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "Chromium and its driver are not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver; .ci/run does.");
        Path profile = Files.createTempDirectory("callstream-chromium-");
        // The system property as well as the builder: either alone keeps Selenium Manager from looking for a driver.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1600,1000", "--force-device-scale-factor=1", "--lang=en-US");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException failed) {
            service.stop();
            deleteProfile(profile);
            throw failed;
        }
        return new HeadlessChromium(service, driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * A wait on a condition in the page, polling every 50 ms. Parts of the page are redrawn whole (the timeline, the
     * turn being updated), so an element found in one poll may be gone in the next: that is a retry, not a failure.
     */
    public FluentWait<WebDriver> waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class);
    }

    /** Runs a script in the page and returns its value (the script must say {@code return}). */
    @SuppressWarnings("unchecked")
    public <T> T script(String script, Object... args) {
        return (T) driver.executeScript(script, args);
    }

    /** Saves the viewport as {@code target/screenshots/<name>.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every piece of visible text in the page, tooltips and the window's title included, that shows a JavaScript
     * value leaking through as words: "null", "undefined", "NaN" or "[object Object]". The DOM's {@code append}
     * turns a null argument into the text "null", and a template string an absent field into "undefined", so a
     * missing optional field surfaces this way. Each text node is looked at on its own, so "null" appended after
     * other text ("in progressnull") is found too. Each finding names its element's tag and classes.
     */
    public List<String> placeholderTexts() {
        return script("""
                const leak = /\\b(null|undefined|NaN)\\b|\\[object Object\\]/;
                const where = (e) => e.tagName.toLowerCase() + [...e.classList].map((c) => '.' + c).join('');
                const found = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const parent = node.parentElement;
                  if (parent && leak.test(node.data) && parent.checkVisibility()) found.push(where(parent) + ': ' + node.data.trim());
                }
                for (const e of document.querySelectorAll('[title]')) {
                  if (leak.test(e.title) && e.checkVisibility()) found.push(where(e) + ' title: ' + e.title);
                }
                if (leak.test(document.title)) found.push('document title: ' + document.title);
                return found;""");
    }

    /** The page's console since the last call: uncaught exceptions show up here as SEVERE entries. */
    public List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile(profile);
        }
    }

    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp profile is harmless; say so rather than fail the test that used it.
            log.warn("could not delete Chromium's profile {}: {}", profile, e.toString());
        }
    }
}
