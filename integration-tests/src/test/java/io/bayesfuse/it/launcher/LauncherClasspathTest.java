package io.bayesfuse.it.launcher;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./bayesfuse} launcher puts each module's {@code target/classes} on the class path and
 * then the dependencies the benchmarks module's build lists in {@code launcher.classpath}. That list
 * must not hold the project's own jars: with them every class, and the application's
 * {@code logback.xml}, is there twice, and logback prints its whole status (WARN lines included) on
 * every start. The file is written when the benchmarks module is packaged, before this module's tests.
 */
class LauncherClasspathTest {

    @Test
    void theLaunchersDependencyListHoldsNoJarOfTheProjectItself() throws IOException {
        Path file = Path.of("..", "benchmarks", "target", "launcher.classpath");
        assertThat(file).as("written by packaging the benchmarks module (./mvnw verify builds it before this module)").exists();
        List<String> entries = Arrays.asList(Files.readString(file).trim().split(java.io.File.pathSeparator));
        assertThat(entries).as("dependencies of the launcher").isNotEmpty()
                .anyMatch(entry -> entry.contains("kafka-streams"))
                .noneMatch(entry -> Path.of(entry).getFileName().toString().startsWith("bayesfuse-"));
    }
}
