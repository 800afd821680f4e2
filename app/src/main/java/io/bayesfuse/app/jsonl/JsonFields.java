package io.bayesfuse.app.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the fields of one JSON-lines record, each failure a {@link BadLineException} naming the
 * field. {@code NaN} and {@code Infinity} tokens (as Python writes them) are read as numbers, so that
 * the kernels can report them as non-finite values of the field they are in.
 */
public final class JsonFields {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private JsonFields() {
    }

    /** The line as a JSON object. */
    public static JsonNode object(String text) throws BadLineException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadLineException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadLineException("expected a JSON object");
        }
        return node;
    }

    /** A required non-empty string field. */
    public static String text(JsonNode node, String field) throws BadLineException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadLineException(field + " is missing");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new BadLineException(field + " must be a non-empty string, got " + value);
        }
        return value.asText();
    }

    /** A required integer field; {@code meaning} says what it is, e.g. "(epoch milliseconds)". */
    public static long integer(JsonNode node, String field, String prefix, String meaning) throws BadLineException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BadLineException(prefix + field + " must be an integer" + meaning
                    + (value == null ? " but is missing" : ", got " + value));
        }
        return value.longValue();
    }

    /** A required non-empty array of numbers. */
    public static double[] vector(JsonNode parent, String field, String prefix) throws BadLineException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new BadLineException(prefix + field + " is missing");
        }
        return numbers(node, field, prefix);
    }

    /** A required matrix, written as an array of rows. */
    public static double[][] matrix(JsonNode parent, String field, String prefix) throws BadLineException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new BadLineException(prefix + field + " is missing");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new BadLineException(prefix + field + " must be a matrix (a non-empty array of rows), got " + node);
        }
        double[][] rows = new double[node.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = numbers(node.get(r), field + "[" + r + "]", prefix);
        }
        return rows;
    }

    private static double[] numbers(JsonNode node, String field, String prefix) throws BadLineException {
        if (!node.isArray() || node.isEmpty()) {
            throw new BadLineException(prefix + field + " must be a non-empty array of numbers, got " + node);
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode e = node.get(i);
            if (!e.isNumber()) {
                throw new BadLineException(prefix + field + "[" + i + "] must be a number, got " + e);
            }
            v[i] = e.doubleValue();
        }
        return v;
    }
}
