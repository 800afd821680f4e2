package io.bayesfuse.it;

import io.bayesfuse.it.env.EmbeddedBrokerUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees on the console of {@code bayesfuse demo}, with the logging configuration it
 * ships with: its own progress and readiness lines, and over a minute of running (broken, late and
 * undecodable readings included, all dead-lettered) not one WARN or ERROR line.
 */
@EmbeddedBrokerUnderTest("`bayesfuse demo` starts its own embedded broker, as a user runs it")
class DemoConsoleIT {

    @TempDir
    Path work;

    @Test
    void aMinuteOfTheDemoPrintsItsReadinessAndNoWarningOrError() throws Exception {
        try (AppProcess demo = AppProcess.startAsShipped(work, "demo", "--port", "0")) {
            demo.awaitLine("ready in ", Duration.ofSeconds(90));
            Thread.sleep(Duration.ofSeconds(60).toMillis());
            assertThat(demo.stopWith("TERM", Duration.ofSeconds(60))).isEqualTo(143);

            List<String> console = new ArrayList<>(demo.output());
            console.addAll(demo.errorOutput().lines().toList());
            assertThat(console).as("the demo's console").anyMatch(line -> line.startsWith("dashboard="))
                    .anyMatch(line -> line.contains("bayesfuse demo: stopped cleanly"))
                    .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                            || line.startsWith("WARN") || line.startsWith("ERROR"));
        }
    }
}
