package io.bayesfuse.it;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Chromium and ChromeDriver (packages {@code chromium}, {@code chromium-driver}; {@code .ci/run}
 * installs them), headless, with a fresh profile and the flags this machine needs (no background
 * networking: nothing but localhost is reachable). A missing browser fails the test that asked for
 * it, with what to install; it never skips.
 */
final class HeadlessChromium {

    static final Path BROWSER = Path.of(System.getProperty("bayesfuse.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("bayesfuse.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    static ChromeDriver start(Path profile, int width, int height) throws IOException {
        for (Path required : new Path[]{BROWSER, DRIVER}) {
            if (!Files.isExecutable(required)) {
                throw new AssertionError(required + " is missing: the dashboard's browser test needs Debian's headless "
                        + "Chromium: apt-get install chromium chromium-driver (.ci/run does this)");
            }
        }
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
