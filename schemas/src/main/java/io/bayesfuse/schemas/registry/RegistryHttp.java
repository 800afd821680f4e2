package io.bayesfuse.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON over HTTP to one of several registry URLs. A request goes to the URL that answered last;
 * when that URL cannot be reached (connection refused, timeout, TLS failure) the next one is tried,
 * in order, until one answers. An answer with an error status is not retried elsewhere: it is the
 * registry's verdict and becomes a {@link RegistryRequestException}.
 */
final class RegistryHttp implements AutoCloseable {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private final List<URI> urls;
    private final RegistryCredentials credentials;
    private final RegistryClientConfig config;
    private final HttpClient http;
    private final ObjectMapper json;
    private final AtomicInteger preferred = new AtomicInteger();

    RegistryHttp(RegistryClientConfig config, ObjectMapper json) {
        this.config = config;
        this.urls = config.urls();
        this.credentials = config.credentials();
        this.json = json;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout());
        config.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** The URLs requests may go to, in failover order. */
    List<URI> urls() {
        return urls;
    }

    /**
     * Sends a request and returns the JSON answer.
     *
     * @param path the path below the registry URL, starting with '/', already percent-encoded
     * @param body the JSON body, or null for none
     */
    JsonNode send(String method, String path, JsonNode body) {
        byte[] payload = body == null ? null : toBytes(body);
        int first = preferred.get();
        List<String> failures = new ArrayList<>();
        IOException lastFailure = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = (first + attempt) % urls.size();
            URI target = URI.create(urls.get(index) + path);
            try {
                HttpResponse<byte[]> response = http.send(request(method, target, payload),
                        HttpResponse.BodyHandlers.ofByteArray());
                preferred.set(index);
                return answer(method + " " + target, response);
            } catch (IOException e) {
                lastFailure = e;
                failures.add(urls.get(index) + " (" + describe(e) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(method + " " + target + " was interrupted", e);
            }
        }
        throw new RegistryUnreachableException("schema registry unreachable: " + method + " " + path
                + " failed at every configured URL: " + String.join(", ", failures), lastFailure);
    }

    private HttpRequest request(String method, URI target, byte[] payload) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(config.requestTimeout())
                .header("Accept", ACCEPT);
        credentials.headers().forEach(builder::header);
        if (payload == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        return builder.build();
    }

    private JsonNode answer(String request, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        byte[] bytes = response.body();
        JsonNode parsed = parse(bytes);
        if (status >= 200 && status < 300) {
            if (parsed == null) {
                throw new RegistryException(request + " answered HTTP " + status + " with a body that is not JSON: "
                        + excerpt(bytes));
            }
            return parsed;
        }
        if (parsed != null && parsed.has("error_code")) {
            throw new RegistryRequestException(request, status, parsed.path("error_code").asInt(status),
                    parsed.path("message").asText(""));
        }
        throw new RegistryRequestException(request, status, status, excerpt(bytes));
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] toBytes(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a request body as JSON", e);
        }
    }

    private static String excerpt(byte[] bytes) {
        String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8).strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().toString();
        }
        return message == null ? name : name + ": " + message;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient in Java 17 has no close(); its threads stop once it is unreachable.
    }
}
