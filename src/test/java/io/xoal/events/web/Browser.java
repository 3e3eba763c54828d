package io.xoal.events.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's headless Chromium driven by its own chromium-driver (same package version; nothing is
 * downloaded by Selenium at test time). .ci/run installs both; so that {@code ./mvnw verify} alone
 * sets up a fresh Debian machine, the first browser test installs them with apt-get when it runs
 * as root. Otherwise a test that finds them missing fails: browser tests are never skipped.
 */
public final class Browser implements AutoCloseable {

    private static final File DRIVER = new File("/usr/bin/chromedriver");
    private static final File CHROMIUM = new File("/usr/lib/chromium/chromium");
    /** Screenshots of every page, linked from the README. */
    private static final Path SCREENSHOTS = Path.of("docs/dashboard");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** A fresh browser (own profile, so no cookies) for the service at {@code root} (e.g. http://localhost:1234/). */
    public static Browser open(URL root) {
        installIfMissing();
        try {
            Path profile = Files.createTempDirectory("xoal-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build();
            String base = root.toString().replace("127.0.0.1", "localhost");
            return new Browser(new ChromeDriver(service, options), profile, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void installIfMissing() {
        if (DRIVER.canExecute() && CHROMIUM.canExecute()) {
            return;
        }
        if ("root".equals(System.getProperty("user.name")) && new File("/usr/bin/apt-get").canExecute()) {
            try {
                Process apt = new ProcessBuilder("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
                        + "apt-get install -y -qq chromium chromium-driver").inheritIO().start();
                apt.waitFor(10, java.util.concurrent.TimeUnit.MINUTES);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!DRIVER.canExecute() || !CHROMIUM.canExecute()) {
            throw new IllegalStateException("Install Debian's browser first: apt-get install -y chromium chromium-driver");
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Loads a path of the service (e.g. "/events"). */
    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    /** Signs in through the sign-in form and waits for the Events tab. */
    public Browser signIn(String adminKey) {
        go("/sign-in");
        driver.findElement(By.id("key")).sendKeys(adminKey);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(By.id("sign-out"));
        return this;
    }

    /** Signs in, then opens {@code page} and waits for its layout. */
    public Browser signIn(String adminKey, String page) {
        signIn(adminKey).go(page).waitFor(By.id("sign-out"));
        return this;
    }

    /** Waits up to 5 s for an element to be visible. */
    public WebElement waitFor(By by) {
        return waitFor(by, Duration.ofSeconds(5));
    }

    public WebElement waitFor(By by, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Whether a chart's canvas has any non-transparent pixel (uPlot drew something). */
    public boolean canvasDrawn(WebElement chart) {
        return Boolean.TRUE.equals(script("""
                const c = arguments[0].querySelector('canvas');
                if (!c || c.width === 0) return false;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; }
                return false;""", chart));
    }

    /** Saves a screenshot of the current page as docs/dashboard/{name}.png. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }
}
