package io.bayesfuse.schemas.registry.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parts of an HTTP request the registry routes on: method, decoded path segments, query. */
record RegistryRequest(String method, List<String> segments, Map<String, String> query) {

    static RegistryRequest of(String method, String rawPath, String rawQuery) {
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(decode(part));
            }
        }
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new RegistryRequest(method, List.copyOf(segments), Map.copyOf(query));
    }

    private static String decode(String text) {
        // a path keeps '+' literally; only %XX escapes are decoded
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Whether the path is exactly these segments, where null matches any one segment. */
    boolean matches(String... pattern) {
        if (pattern.length != segments.size()) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] != null && !pattern[i].equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    String segment(int index) {
        return segments.get(index);
    }

    boolean flag(String name) {
        return Optional.ofNullable(query.get(name)).map(v -> v.isEmpty() || v.equalsIgnoreCase("true")).orElse(false);
    }

    boolean is(String expectedMethod) {
        return method.equalsIgnoreCase(expectedMethod);
    }
}
