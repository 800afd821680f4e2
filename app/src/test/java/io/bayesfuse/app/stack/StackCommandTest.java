package io.bayesfuse.app.stack;

import io.bayesfuse.app.BayesfuseCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class StackCommandTest {

    private record Run(int status, String out, String err) { }

    private static Run run(String... arguments) {
        CommandLine command = BayesfuseCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int status = command.execute(arguments);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void stackIsRegisteredAndItsHelpNamesEveryOptionAndTheExitStatuses() {
        Run help = run("stack", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--kafka-port", "--controller-port", "--registry-port", "--data-dir",
                "--host", "--schemas-topic", "bootstrap.servers=HOST:PORT", "schema.registry.url=http://HOST:PORT",
                "143 after SIGTERM", "130 after SIGINT");
    }

    @Test
    void registryIsRegisteredAndItsHelpNamesItsOptions() {
        Run help = run("registry", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--port", "--bootstrap-servers", "--schemas-topic", "--default-compatibility",
                "FULL_TRANSITIVE");
    }

    @Test
    void theTopLevelHelpListsBothCommands() {
        assertThat(run("--help").out()).contains("stack", "registry");
    }

    @Test
    void aPortThatIsNotANumberIsRefusedNamingTheOption() {
        Run run = run("stack", "--kafka-port", "ninety");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--kafka-port", "ninety");
    }

    @Test
    void anUnknownCompatibilityLevelIsRefusedListingTheValidOnes() {
        Run run = run("registry", "--default-compatibility", "SIDEWAYS");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("SIDEWAYS", "BACKWARD_TRANSITIVE");
    }
}
