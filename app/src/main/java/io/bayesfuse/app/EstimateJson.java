package io.bayesfuse.app;

import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.TrackingResult;

/**
 * Writes one estimate line of FORMAT.md's {@code expected.jsonl}:
 * {@code {"entityId", "sensorId", "timestamp", "status", "x", "P", "nis"}} (a non-finite number as
 * null), plus {@code "detail"} when the kernels explain a RESET or TOO_LATE. Numbers are written
 * with Java's shortest round-trip form, so reading them back gives the same doubles.
 */
final class EstimateJson {

    private EstimateJson() {
    }

    static String format(String entityId, Measurement m, TrackingResult result) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"entityId\": ");
        string(out, entityId);
        out.append(", \"sensorId\": ");
        string(out, m.sensorId());
        out.append(", \"timestamp\": ").append(m.timestamp());
        out.append(", \"status\": \"").append(result.status()).append('"');
        out.append(", \"x\": ");
        vector(out, result.x());
        out.append(", \"P\": [");
        for (int i = 0; i < result.P().length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            vector(out, result.P()[i]);
        }
        out.append("], \"nis\": ");
        number(out, result.nis());
        if (result.detail() != null) {
            out.append(", \"detail\": ");
            string(out, result.detail());
        }
        return out.append('}').toString();
    }

    private static void vector(StringBuilder out, double[] v) {
        out.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            number(out, v[i]);
        }
        out.append(']');
    }

    private static void number(StringBuilder out, double v) {
        if (Double.isFinite(v)) {
            out.append(v);
        } else {
            out.append("null");
        }
    }

    /** A JSON string literal (RFC 8259 §7 escapes). */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
