package dev.ledger.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium and chromedriver (Debian: {@code apt-get install chromium chromium-driver}; other paths with
 * {@code -Ddashboard.chromium=... -Ddashboard.chromedriver=...}), headless; Selenium Manager is never asked to
 * download one. Without them a test that needs the browser is skipped, so that {@code ./mvnw verify} still needs only
 * a JDK; CI must have them (.ci/run installs them).
 */
final class HeadlessChromium {

    private static final String CHROMIUM = System.getProperty("dashboard.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the calling test (fails it in CI) without the browser. */
    static void requireInstalled(String test) {
        boolean installed = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        String missing = test + " needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install -y chromium chromium-driver)";
        if (System.getenv("CI") != null) {
            Assertions.assertTrue(installed, missing);
        }
        Assumptions.assumeTrue(installed, missing);
    }

    /** Headless, isolated (a fresh profile under target/) and quiet on the network: no updates, no sync. */
    static WebDriver start() throws IOException {
        Path profile = Files.createTempDirectory(targetDir(), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,2000");
        // No CDP (selenium-devtools) is on the class path and none is used: its version warning is noise.
        Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
        // Both paths given: Selenium Manager has nothing to look up or download.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    static Path targetDir() throws IOException {
        String moduleDir = System.getProperty("basedir", System.getProperty("user.dir"));
        return Files.createDirectories(Path.of(moduleDir, "target"));
    }
}
