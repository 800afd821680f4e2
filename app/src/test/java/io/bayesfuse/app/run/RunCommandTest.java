package io.bayesfuse.app.run;

import io.bayesfuse.app.BayesfuseCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest {

    private static final String FILTER = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4, 0], [0, 4]]}
            filter: {type: kf, motionModel: cv, initial: {x: [0, 0, 0, 0], P: [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}}
            http: {port: 0}
            """;

    @TempDir
    Path work;

    private record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> environment, String... arguments) {
        CommandLine command = BayesfuseCommand.commandLine();
        RunCommand run = command.getSubcommands().get("run").getCommand();
        run.environment = environment;
        StringWriter out = new StringWriter();
        command.setOut(new PrintWriter(out));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = command.execute(arguments);
        } finally {
            System.setErr(original);
        }
        return new Run(status, out.toString(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theHelpDocumentsTheEnvironmentVariablesAndExitStatuses() {
        Run help = run(Map.of(), "run", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--config", "BAYESFUSE_KAFKA_<NAME>", "BAYESFUSE_SCHEMA_REGISTRY_<NAME>",
                "BAYESFUSE_HTTP_ADVERTISED_HOST", "'__' for '_'", "143 after SIGTERM", "2 for invalid configuration",
                "http.advertisedHost");
    }

    @Test
    void aMissingBootstrapServersAndRegistryAreNamedAndStartUpFails() throws Exception {
        Path config = Files.writeString(work.resolve("app.yaml"), FILTER);
        Run run = run(Map.of(), "run", "--config", config.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("kafka.bootstrap.servers: is required")
                .contains("schemaRegistry.schema.registry.url: is required");
    }

    @Test
    void anInvalidEnvironmentVariableIsNamed() throws Exception {
        Path config = Files.writeString(work.resolve("app.yaml"), FILTER);
        Run run = run(Map.of("BAYESFUSE_HTTP_PORT", "eighty"), "run", "--config", config.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("environment variable BAYESFUSE_HTTP_PORT: is 'eighty', not a port number");
    }

    @Test
    void aConfigurationWithNeitherFilterNorFusionNorTrackingIsRefused() throws Exception {
        Path config = Files.writeString(work.resolve("app.yaml"), """
                application: {id: x}
                kafka: {bootstrap.servers: "localhost:1"}
                schemaRegistry: {schema.registry.url: "http://localhost:1"}
                http: {port: 0}
                """);
        Run run = run(Map.of(), "run", "--config", config.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("a deployment needs a filter section, fusion settings or a tracking section");
    }

    @Test
    void aMissingFileIsNamed() {
        Run run = run(Map.of(), "run", "--config", work.resolve("nowhere.yaml").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("nowhere.yaml' does not exist");
    }
}
