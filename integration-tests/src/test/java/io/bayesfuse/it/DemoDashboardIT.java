package io.bayesfuse.it;

import io.bayesfuse.it.env.EmbeddedBrokerUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bayesfuse demo} as a user starts it, and its dashboard in a real (headless) browser:
 * ready within 20 s, entities with 2-sigma ellipses that move between two looks, the NIS charts, the
 * dead-letter panel and the fused posteriors of the learners' shared models filling in; a screenshot is kept as a build artefact
 * ({@code target/dashboard.png}); SIGTERM stops it cleanly.
 */
@EmbeddedBrokerUnderTest("`bayesfuse demo` starts its own embedded broker, as a user runs it")
class DemoDashboardIT {

    static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    @TempDir
    Path work;

    @Test
    void theDemoIsReadyWithinTwentySecondsAndItsDashboardShowsMovingTracksFilterHealthAndFusedPosteriors() throws Exception {
        try (AppProcess demo = AppProcess.start(work, Map.of(), "demo", "--port", "0", "--entities", "6", "--seed", "3")) {
            String url = demo.awaitLine("dashboard=", Duration.ofSeconds(90));
            assertThat(url).startsWith("http://localhost:").endsWith("/");
            String ready = demo.awaitLine("ready in ", Duration.ofSeconds(5));
            long readyMillis = Long.parseLong(ready.substring(0, ready.indexOf(' ')));
            System.out.println("demo ready in " + ready);
            assertThat(readyMillis).as("demo start-up (ms)").isLessThan(20_000);
            assertThat(demo.awaitLine("bootstrap.servers=", Duration.ofSeconds(1))).contains(":");
            assertThat(demo.awaitLine("schema.registry.url=", Duration.ofSeconds(1))).startsWith("http://");

            ChromeDriver browser = HeadlessChromium.start(work.resolve("chromium-profile"), 1600, 1000);
            try {
                browser.get(url);
                await("six entities with 2-sigma ellipses on the map", Duration.ofSeconds(40),
                        () -> number(browser, "return window.bayesfuse ? window.bayesfuse.ellipses() : 0") >= 6
                                && positions(browser).size() >= 6);
                Map<String, List<Number>> first = positions(browser);
                Thread.sleep(3000);
                Map<String, List<Number>> second = positions(browser);
                long moved = first.keySet().stream().filter(id -> second.containsKey(id)
                        && distance(first.get(id), second.get(id)) > 1.0).count();
                assertThat(moved).as("entities that moved more than 1 m in 3 s (targets fly at 6 to 28 m/s)")
                        .isGreaterThanOrEqualTo(5);
                await("NIS values in the filter-health charts", Duration.ofSeconds(20),
                        () -> number(browser, "return window.bayesfuse.nisPoints()") >= 20);
                await("dead letters counted by reason", Duration.ofSeconds(40),
                        () -> number(browser, "return window.bayesfuse.deadLetters()") >= 1);
                await("both shared models' fused posteriors, each from several learners", Duration.ofSeconds(30),
                        () -> number(browser, "return window.bayesfuse.fusedQuantities()") >= 2
                                && browser.findElements(org.openqa.selenium.By.cssSelector(
                                "#fused .quantity[data-quantity='demand-model'] .chip")).size() >= 3);
                assertThat(browser.findElements(org.openqa.selenium.By.cssSelector(
                        "#fused .quantity[data-quantity='demand-model'] .param canvas"))).hasSize(3);
                assertThat(browser.findElements(org.openqa.selenium.By.cssSelector("canvas.nis-chart")))
                        .as("one NIS chart per entity filter sensor; none for the tracking stage's surveillance radar").hasSize(4);
                await("the smoothed track of the demo's smoothing class (target-01) on the map", Duration.ofSeconds(30),
                        () -> number(browser, "return window.bayesfuse.smoothedPoints()") >= 5);
                await("the dgps's learned R under its NIS chart", Duration.ofSeconds(30),
                        () -> number(browser, "return window.bayesfuse.learnedR()") >= 1);
                Thread.sleep(1500);   // let the page draw the newest batch before the picture
                Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
                Files.createDirectories(SCREENSHOT.getParent());
                Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                browser.quit();
            }

            HttpResponse<String> entities = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "api/entities")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entities.statusCode()).isEqualTo(200);
            assertThat(entities.body()).contains("\"entityId\":\"target-01\"").contains("ellipse2Sigma");
            HttpResponse<String> sensors = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "api/sensors")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sensors.statusCode()).isEqualTo(200);
            assertThat(sensors.body()).contains("\"learnedR\"").contains("\"adaptation\":\"diagonal\"")
                    .contains("\"action\":\"inflate-r\"");
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("bayesfuse_filter_smoothed_total");

            assertThat(demo.stopWith("TERM", Duration.ofSeconds(60))).isEqualTo(143);
            assertThat(demo.errorOutput()).contains("bayesfuse demo: stopped cleanly");
        }
    }

    private static void await(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the dashboard did not show " + what + " within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    private static long number(ChromeDriver browser, String script) {
        Object value = browser.executeScript(script);
        return value instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Number>> positions(ChromeDriver browser) {
        Object value = browser.executeScript("return window.bayesfuse ? window.bayesfuse.entityPositions() : {}");
        return value instanceof Map<?, ?> m ? (Map<String, List<Number>>) m : Map.of();
    }

    private static double distance(List<Number> a, List<Number> b) {
        return Math.hypot(a.get(0).doubleValue() - b.get(0).doubleValue(), a.get(1).doubleValue() - b.get(1).doubleValue());
    }
}
