package io.bayesfuse.benchmarks;

import org.apache.kafka.common.utils.AppInfoParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a benchmark ran: processors, memory, Java and Kafka versions. */
public final class Environment {

    private Environment() {
    }

    public static Map<String, Object> describe(BenchStack stack) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("processors", Runtime.getRuntime().availableProcessors());
        environment.put("cpu", cpuModel());
        environment.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        environment.put("kafka", AppInfoParser.getVersion());
        environment.put("cluster", stack.embedded() ? "embedded single-node KRaft broker and registry in this process"
                : stack.bootstrapServers());
        return environment;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return "unknown";
    }
}
