package io.bayesfuse.app.fuse;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayesfuse.app.jsonl.BadLineException;
import io.bayesfuse.app.jsonl.JsonFields;
import io.bayesfuse.kernels.fusion.SourcePosterior;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one posterior-update line (FORMAT.md, fusion scenarios):
 * {@code {"quantityId", "sourceId", "version", ["timestamp"], <one posterior form>}}, the optional
 * timestamp (epoch milliseconds) being the time the posterior refers to (required for tracks,
 * quantities configured with a motion model), and the form one of
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

    /** One parsed line: a posterior, or a retraction when {@code posterior} is null; timestamp null when absent. */
    record Update(String quantityId, String sourceId, long version, Long timestamp, SourcePosterior posterior) {
        boolean isRetraction() {
            return posterior == null;
        }
    }

    private static final Set<String> FORM_FIELDS = Set.of("covariance", "covarianceDiagonal", "precision",
            "fisherDiagonal", "components", "samples", "retract");

    Update parse(String text) throws BadLineException {
        JsonNode node = JsonFields.object(text);
        String quantityId = JsonFields.text(node, "quantityId");
        String sourceId = JsonFields.text(node, "sourceId");
        long version = JsonFields.integer(node, "version", "source '" + sourceId + "': ", "");
        Long timestamp = node.has("timestamp")
                ? JsonFields.integer(node, "timestamp", "source '" + sourceId + "': ", " (epoch milliseconds)") : null;
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
            case "covariance" -> new SourcePosterior.Covariance(JsonFields.vector(node, "mean", prefix), JsonFields.matrix(node, "covariance", prefix));
            case "covarianceDiagonal" -> new SourcePosterior.DiagonalCovariance(JsonFields.vector(node, "mean", prefix),
                    JsonFields.vector(node, "covarianceDiagonal", prefix));
            case "precision" -> new SourcePosterior.Information(JsonFields.matrix(node, "precision", prefix),
                    JsonFields.vector(node, "informationVector", prefix));
            case "fisherDiagonal" -> new SourcePosterior.Fisher(JsonFields.vector(node, "mean", prefix), JsonFields.vector(node, "fisherDiagonal", prefix));
            case "components" -> mixture(node.get("components"), prefix);
            case "samples" -> new SourcePosterior.Samples(JsonFields.matrix(node, "samples", prefix));
            default -> {
                if (!node.get("retract").isBoolean() || !node.get("retract").booleanValue()) {
                    throw new BadLineException(prefix + "retract must be true when present");
                }
                yield null;
            }
        };
        return new Update(quantityId, sourceId, version, timestamp, posterior);
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
            list.add(new SourcePosterior.Component(weight.doubleValue(), JsonFields.vector(c, "mean", prefix + field + "."),
                    JsonFields.matrix(c, "covariance", prefix + field + ".")));
        }
        return new SourcePosterior.Mixture(list);
    }
}
