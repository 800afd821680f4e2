package io.bayesfuse.topology.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a bayesfuse YAML configuration and validates it. Unknown settings are errors (a typo must
 * not be silently ignored); every error names the setting's path, and all errors of a file are
 * reported together.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private ConfigLoader() {
    }

    /** Loads and validates the configuration file at {@code file}. */
    public static BayesfuseConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file", "'" + file + "' does not exist");
        } catch (IOException e) {
            throw new ConfigException("config file", "'" + file + "' cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * Parses and validates configuration text; {@code origin} names it in messages. Every problem
     * is reported at once: each setting that is unknown or of the wrong type is noted and left out,
     * the rest is read again, and what is read is validated too (leaving out the problems that only
     * follow from a setting already reported).
     */
    public static BayesfuseConfig parse(String yaml, String origin) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonMappingException e) {
            throw new ConfigException(path(e), e.getOriginalMessage() + " in " + origin);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file", "'" + origin + "' is not valid YAML: " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException("config file", "'" + origin + "' is empty");
        }
        List<String> problems = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        BayesfuseConfig config = null;
        while (config == null) {
            try {
                config = YAML.treeToValue(tree, BayesfuseConfig.class);
            } catch (JsonMappingException e) {
                problems.add(path(e) + ": " + describe(e) + " in " + origin);
                Optional<String> removed = leaveOut(tree, e);
                if (removed.isEmpty()) {
                    throw new ConfigException(problems);
                }
                leftOut.add(removed.get());
            } catch (JsonProcessingException e) {
                throw new ConfigException("config file", "'" + origin + "' cannot be read: " + e.getOriginalMessage());
            }
        }
        try {
            config.validate();
        } catch (ConfigException e) {
            e.problems().stream().filter(problem -> !followsFrom(problem, leftOut)).forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a known setting (known here: " + unknown.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", ")) + ")";
        }
        return e.getOriginalMessage();
    }

    /**
     * Removes the innermost named setting on the error's path from the tree, so that the rest can
     * be read; returns its path, or empty when the error lies in no named setting.
     */
    private static Optional<String> leaveOut(JsonNode tree, JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        int last = path.size() - 1;
        while (last >= 0 && path.get(last).getFieldName() == null) {
            last--;
        }
        if (last < 0) {
            return Optional.empty();
        }
        JsonNode parent = tree;
        for (int i = 0; i < last && parent != null; i++) {
            JsonMappingException.Reference step = path.get(i);
            parent = step.getFieldName() != null ? parent.get(step.getFieldName()) : parent.get(step.getIndex());
        }
        String name = path.get(last).getFieldName();
        if (!(parent instanceof ObjectNode object) || !object.has(name)) {
            return Optional.empty();
        }
        object.remove(name);
        return Optional.of(path(path.subList(0, last + 1)));
    }

    /** Whether a validation problem concerns a setting that was left out (its own problem is reported already). */
    private static boolean followsFrom(String problem, List<String> leftOut) {
        return leftOut.stream().anyMatch(path -> problem.startsWith(path + ":") || problem.startsWith(path + ".")
                || problem.startsWith(path + "["));
    }

    /** The setting path of a mapping error, as dotted names with [i] for list elements. */
    private static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "config" : path.toString();
    }
}
