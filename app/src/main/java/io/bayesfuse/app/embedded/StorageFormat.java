package io.bayesfuse.app.embedded;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Formats a data directory for KRaft (what {@code kafka-storage.sh format} does, with Kafka's own
 * {@link Formatter}): writes {@code meta.properties} with a new cluster id and the bootstrap
 * metadata at the current production metadata version. A directory that is already formatted is
 * left as it is, so its data survives.
 */
final class StorageFormat {

    private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);

    private StorageFormat() {
    }

    /** Formats the directory unless it already is; returns whether it formatted it. */
    static boolean ensureFormatted(Path dataDirectory, String metadataLogDirectory) {
        if (Files.exists(dataDirectory.resolve("meta.properties"))) {
            return false;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(SingleNodeConfig.NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(SingleNodeConfig.CONTROLLER_LISTENER)
                    .addDirectory(dataDirectory.toString())
                    .setMetadataLogDirectory(metadataLogDirectory)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka data directory " + dataDirectory + ": " + e.getMessage()
                    + " (formatter said: " + output.toString(StandardCharsets.UTF_8).strip() + ")", e);
        }
        LOG.debug("formatted {}: {}", dataDirectory, output.toString(StandardCharsets.UTF_8).strip());
        return true;
    }
}
