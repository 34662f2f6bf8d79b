package io.vigie.console;

import io.vigie.checks.testing.RequiredService;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Headless Debian Chromium driven by Selenium for the end-to-end tests. Selenium never downloads anything (both
 * paths are given, {@code SE_OFFLINE}). Absent browser: the test is skipped with a message, except under
 * {@code CI=true} where it fails. Screenshots go to {@code console/target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SHOTS = Path.of("target", "screenshots");

    public final WebDriver driver;
    private final ChromeDriverService service;
    private final String base;

    private Browser(WebDriver driver, ChromeDriverService service, String base) {
        this.driver = driver;
        this.service = service;
        this.base = base;
    }

    /** A browser for the console at {@code baseUrl}, or the test aborted (failed on CI) when none is installed. */
    public static Browser start(String baseUrl, Path profile) {
        return start(baseUrl, profile, 1280, 1400);
    }

    /** As {@link #start(String, Path)}, with a window of {@code width} × {@code height} pixels. */
    public static Browser start(String baseUrl, Path profile, int width, int height) {
        RequiredService.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver absent (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver");
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=fr-FR");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, service, baseUrl);
    }

    /** Opens a console path, or an absolute URL. */
    public void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    public void login(String email, String password) {
        open("/login");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        waitFor(d -> !d.getCurrentUrl().endsWith("/login"));
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public boolean has(By by) {
        return !driver.findElements(by).isEmpty();
    }

    public String body() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * The text of the element {@code by} once it is there (10 s at most): after a click or a submit the next page
     * may not be loaded yet, or be replaced while it is read.
     */
    public String text(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class).until(d -> d.findElement(by).getText());
    }

    /** The page's text once it satisfies {@code expected} (10 s at most; then what it said, for the assertion). */
    public String bodyOnceLoaded(Predicate<String> expected) {
        String[] last = {""};
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                    .until(d -> {
                        last[0] = d.findElement(By.tagName("body")).getText();
                        return expected.test(last[0]);
                    });
        } catch (TimeoutException e) {
            // the caller's assertion shows what the page said
        }
        return last[0];
    }

    public void waitFor(Function<WebDriver, Boolean> condition) {
        waitFor(Duration.ofSeconds(10), condition);
    }

    public void waitFor(Duration timeout, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /**
     * Waits (10 s at most) for the browser to reach a URL containing {@code part}, as a posted form redirects; on
     * timeout it returns all the same, and the caller's assertion shows where the browser is.
     */
    public String urlOnceReached(String part) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(part));
        } catch (TimeoutException e) {
            // the caller's assertion shows where the browser is
        }
        return driver.getCurrentUrl();
    }

    public void shot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
