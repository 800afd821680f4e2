package io.bayesfuse.app.demo;

import io.bayesfuse.app.BayesfuseCommand;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @Test
    void theHelpNamesThePortAndWhatTheDemoRuns() {
        CommandLine command = BayesfuseCommand.commandLine();
        StringWriter out = new StringWriter();
        command.setOut(new PrintWriter(out));
        assertThat(command.execute("demo", "--help")).isZero();
        assertThat(out.toString()).contains("--port", "default: 8080", "--entities", "--seed", "--print-config",
                "dashboard=URL", "Ctrl-C");
    }

    @Test
    void theShippedConfigurationIsValidAndListensOnLocalhostOnly() {
        BayesfuseConfig config = ConfigLoader.parse(DemoCommand.configText(), "demo.yaml");
        assertThat(config.http().hostOrDefault()).isEqualTo("localhost");
        assertThat(config.filter().type()).isEqualTo("imm");
        assertThat(config.requireFusion().method()).isEqualTo("product");
        assertThat(config.sensors()).containsKeys("gps", "dgps", "radar", "velocity-net");
    }

    @Test
    void theTopLevelHelpListsTheApplicationCommands() {
        CommandLine command = BayesfuseCommand.commandLine();
        StringWriter out = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.execute("--help");
        assertThat(out.toString()).contains("demo", "run", "simulate", "stack", "replay", "fuse");
    }
}
