package io.bayesfuse.app.fuse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.bayesfuse.kernels.fusion.SourcePosterior;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one posterior-update line (FORMAT.md, fusion scenarios):
 * {@code {"quantityId", "sourceId", "version", <one posterior form>}} where the form is one of
 * <ul>
 *   <li>{@code "mean", "covariance"}: full covariance</li>
 *   <li>{@code "mean", "covarianceDiagonal"}: diagonal covariance (the variances)</li>
 *   <li>{@code "precision", "informationVector"}: information form Λ = P⁻¹, η = P⁻¹x</li>
 *   <li>{@code "mean", "fisherDiagonal"}: parameters with their diagonal Fisher information</li>
 *   <li>{@code "components": [{"weight", "mean", "covariance"}, ...]}: a Gaussian mixture</li>
 *   <li>{@code "samples": [[...], ...]}: draws, one array per draw</li>
 * </ul>
 * or {@code "retract": true} with no posterior, which removes the source (a newer version than
 * its last update is needed). Only the shape is checked here (numbers, arrays, one form); the
 * kernels check the values and name the source. NaN and Infinity tokens (as Python writes them)
 * are read, so that the kernels report them rather than the JSON parser.
 */
final class PosteriorUpdateJson {

    /** One parsed line: a posterior, or a retraction when {@code posterior} is null. */
    record Update(String quantityId, String sourceId, long version, SourcePosterior posterior) {
        boolean isRetraction() {
            return posterior == null;
        }
    }

    /** A line that is not a posterior update; the message names the field and the problem. */
    static final class BadLineException extends Exception {
        BadLineException(String message) {
            super(message);
        }
    }

    private static final Set<String> FORM_FIELDS = Set.of("covariance", "covarianceDiagonal", "precision",
            "fisherDiagonal", "components", "samples", "retract");

    private final JsonMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    Update parse(String text) throws BadLineException {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadLineException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadLineException("expected a JSON object");
        }
        String quantityId = text(node, "quantityId");
        String sourceId = text(node, "sourceId");
        JsonNode version = node.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToLong()) {
            throw new BadLineException("source '" + sourceId + "': version must be an integer"
                    + (version == null ? " but is missing" : ", got " + version));
        }
        List<String> forms = new ArrayList<>();
        node.fieldNames().forEachRemaining(f -> {
            if (FORM_FIELDS.contains(f)) {
                forms.add(f);
            }
        });
        String prefix = "source '" + sourceId + "': ";
        if (forms.size() != 1) {
            throw new BadLineException(prefix + (forms.isEmpty()
                    ? "no posterior: give covariance, covarianceDiagonal, precision, fisherDiagonal, components or samples (or retract: true)"
                    : "more than one posterior form " + forms + ": give exactly one"));
        }
        SourcePosterior posterior = switch (forms.get(0)) {
            case "covariance" -> new SourcePosterior.Covariance(vector(node, "mean", prefix), matrix(node.get("covariance"), "covariance", prefix));
            case "covarianceDiagonal" -> new SourcePosterior.DiagonalCovariance(vector(node, "mean", prefix),
                    vector(node, "covarianceDiagonal", prefix));
            case "precision" -> new SourcePosterior.Information(matrix(node.get("precision"), "precision", prefix),
                    vector(node, "informationVector", prefix));
            case "fisherDiagonal" -> new SourcePosterior.Fisher(vector(node, "mean", prefix), vector(node, "fisherDiagonal", prefix));
            case "components" -> mixture(node.get("components"), prefix);
            case "samples" -> new SourcePosterior.Samples(matrix(node.get("samples"), "samples", prefix));
            default -> {
                if (!node.get("retract").isBoolean() || !node.get("retract").booleanValue()) {
                    throw new BadLineException(prefix + "retract must be true when present");
                }
                yield null;
            }
        };
        return new Update(quantityId, sourceId, version.longValue(), posterior);
    }

    private static SourcePosterior.Mixture mixture(JsonNode components, String prefix) throws BadLineException {
        if (!components.isArray() || components.isEmpty()) {
            throw new BadLineException(prefix + "components must be a non-empty array of {weight, mean, covariance}");
        }
        List<SourcePosterior.Component> list = new ArrayList<>();
        for (int k = 0; k < components.size(); k++) {
            JsonNode c = components.get(k);
            String field = "components[" + k + "]";
            if (!c.isObject()) {
                throw new BadLineException(prefix + field + " must be an object {weight, mean, covariance}");
            }
            JsonNode weight = c.get("weight");
            if (weight == null || !weight.isNumber()) {
                throw new BadLineException(prefix + field + ".weight must be a number");
            }
            list.add(new SourcePosterior.Component(weight.doubleValue(), vector(c, "mean", prefix + field + "."),
                    matrix(c.get("covariance"), "covariance", prefix + field + ".")));
        }
        return new SourcePosterior.Mixture(list);
    }

    private static String text(JsonNode node, String field) throws BadLineException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new BadLineException(field + " must be a non-empty string" + (value == null ? " but is missing" : ", got " + value));
        }
        return value.asText();
    }

    private static double[] vector(JsonNode parent, String field, String prefix) throws BadLineException {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw new BadLineException(prefix + field + " is missing");
        }
        return numbers(node, field, prefix);
    }

    private static double[] numbers(JsonNode node, String field, String prefix) throws BadLineException {
        if (!node.isArray()) {
            throw new BadLineException(prefix + field + " must be an array of numbers");
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

    private static double[][] matrix(JsonNode node, String field, String prefix) throws BadLineException {
        if (node == null) {
            throw new BadLineException(prefix + field + " is missing");
        }
        if (!node.isArray()) {
            throw new BadLineException(prefix + field + " must be an array of rows");
        }
        double[][] rows = new double[node.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = numbers(node.get(r), field + "[" + r + "]", prefix);
        }
        return rows;
    }
}
