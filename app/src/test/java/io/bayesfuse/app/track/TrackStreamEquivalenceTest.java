package io.bayesfuse.app.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.app.BayesfuseCommand;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.kernels.tracking.Detection;
import io.bayesfuse.kernels.tracking.Scan;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.schemas.serde.SpecificAvroSerde;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StreamsSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.TopicNames;
import io.bayesfuse.topology.tracking.DetectionScans;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracking stage (through Kafka Streams' test driver, Avro serdes and its state store) and
 * {@code track} (through its file formats) run the same per-region logic: on the reference
 * scenario, with GNN and with JPDA and with a late scan, they publish the same tracks, status for
 * status and number for number.
 */
class TrackStreamEquivalenceTest {

    private static final Path REFERENCE = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void theStreamStageAndTheTrackCommandPublishTheSameTracks() throws Exception {
        Path scenario = REFERENCE.resolve("track-example");
        List<String> input = new ArrayList<>(Files.readAllLines(scenario.resolve("input.jsonl")));
        input.add(50, input.remove(48));   // one scan two scans late, re-run within the window
        String base = Files.readString(scenario.resolve("config.yaml"));
        try (SchemaRegistryServer registry = SchemaRegistryServer.builder().port(0).start()) {
            for (String association : List.of("gnn", "jpda")) {
                String yaml = base.replace("association: gnn", "association: " + association)
                        + "  outOfOrder: {historyMillis: 5000}\n";
                Path config = Files.writeString(temp.resolve(association + ".yaml"), yaml);
                Path in = Files.write(temp.resolve(association + "-input.jsonl"), input);
                List<String> offline = offline(config, in, temp.resolve(association + "-tracks.jsonl"));
                List<String> stream = stream(ConfigLoader.load(config), registry.url(), in, temp.resolve(association + "-state"));
                assertThat(offline).as(association).hasSizeGreaterThan(500);
                assertThat(stream).as(association).isEqualTo(offline);
            }
        }
    }

    private static String line(long time, String trackId, String status, double[] x, double[] P) {
        return time + " " + trackId + " " + status + " " + Arrays.toString(x) + " " + Arrays.toString(P);
    }

    private List<String> offline(Path config, Path input, Path output) throws Exception {
        StringWriter err = new StringWriter();
        int code = BayesfuseCommand.commandLine().setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()))
                .execute("track", "--config", config.toString(), "--input", input.toString(), "--output", output.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = new ArrayList<>();
        for (String text : Files.readAllLines(output)) {
            JsonNode n = JSON.readTree(text);
            double[] x = new double[n.get("x").size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = n.get("x").get(i).asDouble();
            }
            List<Double> P = new ArrayList<>();
            n.get("P").forEach(row -> row.forEach(v -> P.add(v.asDouble())));
            lines.add(line(n.get("timestamp").asLong(), n.get("trackId").asText(), n.get("status").asText(), x,
                    P.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return lines;
    }

    private List<String> stream(BayesfuseConfig config, String registryUrl, Path input, Path stateDir) throws Exception {
        Map<String, Object> settings = StreamsSettings.of(config);
        settings.put("schema.registry.url", registryUrl);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Properties props = new Properties();
        props.putAll(settings);
        TopicNames topics = config.application().topicNames();
        List<String> lines = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(new BayesfuseTopology(config, new HashMap<>(settings)).build(),
                props, Instant.ofEpochMilli(0))) {
            TestInputTopic<String, DetectionScan> detections = driver.createInputTopic(topics.detections(),
                    Serdes.String().serializer(), serde(DetectionScan.class, settings).serializer());
            TestOutputTopic<String, Estimate> tracks = driver.createOutputTopic(topics.tracks(), Serdes.String().deserializer(),
                    serde(Estimate.class, settings).deserializer());
            for (String text : Files.readAllLines(input)) {
                JsonNode n = JSON.readTree(text);
                List<Detection> list = new ArrayList<>();
                n.get("detections").forEach(d -> list.add(Detection.at(d.get("z").get(0).asDouble(), d.get("z").get(1).asDouble())));
                String region = n.get("region").asText();
                long time = n.get("timestamp").asLong();
                detections.pipeInput(region, DetectionScans.toAvro(region, new Scan(n.get("sensorId").asText(), time, list)), time);
            }
            for (Estimate e : tracks.readValuesToList()) {
                lines.add(line(e.getTimestamp().toEpochMilli(), e.getTrackId(), e.getStatus().name(),
                        e.getMean().stream().mapToDouble(Double::doubleValue).toArray(),
                        e.getCovariance().getValues().stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        return lines;
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type, Map<String, Object> settings) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(settings, false);
        return serde;
    }
}
