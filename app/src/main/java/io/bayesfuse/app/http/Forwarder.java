package io.bayesfuse.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks another instance. A forwarded request carries {@value #HEADER}, and an instance never
 * forwards a request that was forwarded to it (during a rebalance the two could otherwise send
 * it back and forth).
 */
final class Forwarder {

    static final String HEADER = "X-Bayesfuse-Forwarded";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** GET {@code path} (its last segment URL-encoded by the caller) on {@code host}. */
    Answer get(HostInfo host, String path) {
        return send(host, request(host, path).GET());
    }

    /** POST {@code body} (JSON) to {@code path} on {@code host}. */
    Answer post(HostInfo host, String path, String body) {
        return send(host, request(host, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder request(HostInfo host, String path) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header(HEADER, "1");
    }

    private Answer send(HostInfo host, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return Answer.error(502, "the instance at " + host.host() + ":" + host.port() + " that owns this key did not answer: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.error(503, "interrupted while asking " + host.host() + ":" + host.port());
        }
    }

    /**
     * Asks every other instance hosting {@code store} for its local list ({@code path}, answering
     * {@code {"<field>": [...]}}), adds the items to {@code items} and a line per instance (how many,
     * or its error) to {@code instances}.
     */
    void gatherFromOthers(KafkaStreams streams, String store, HostInfo self, String path, String field,
                          ArrayNode items, ArrayNode instances) {
        for (StreamsMetadata other : streams.streamsMetadataForStore(store)) {
            if (other.hostInfo().equals(self)) {
                continue;
            }
            Answer answer = get(other.hostInfo(), path);
            ObjectNode instance = instances.addObject().put("instance", other.host() + ":" + other.port());
            if (answer.status() != 200) {
                instance.put("error", answer.json());
                continue;
            }
            try {
                JsonNode remote = Json.MAPPER.readTree(answer.json());
                remote.get(field).forEach(items::add);
                instance.put(field, remote.get(field).size());
            } catch (Exception e) {
                instance.put("error", "unreadable answer: " + e.getMessage());
            }
        }
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
