package io.bayesfuse.app.track;

import io.bayesfuse.kernels.tracking.TrackReport;

/**
 * Writes one track line of FORMAT.md's tracking output:
 * {@code {"timestamp", "region", "trackId", "status", "x", "P"}}, plus {@code "detail"} when the
 * kernels say why a track was deleted. Numbers are written in Java's shortest round-trip form.
 */
final class TrackJson {

    private TrackJson() {
    }

    static String format(long timestamp, String region, TrackReport report) {
        StringBuilder out = new StringBuilder(320);
        out.append("{\"timestamp\": ").append(timestamp).append(", \"region\": ");
        string(out, region);
        out.append(", \"trackId\": ");
        string(out, report.trackId());
        out.append(", \"status\": \"").append(report.status()).append("\", \"x\": ");
        vector(out, report.x());
        out.append(", \"P\": [");
        for (int i = 0; i < report.P().length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            vector(out, report.P()[i]);
        }
        out.append(']');
        if (report.detail() != null) {
            out.append(", \"detail\": ");
            string(out, report.detail());
        }
        return out.append('}').toString();
    }

    private static void vector(StringBuilder out, double[] v) {
        out.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(Double.isFinite(v[i]) ? Double.toString(v[i]) : "null");
        }
        out.append(']');
    }

    /** A JSON string literal (RFC 8259 §7 escapes). */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
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
