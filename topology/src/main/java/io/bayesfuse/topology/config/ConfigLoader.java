package io.bayesfuse.topology.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads a bayesfuse YAML configuration and validates it. Unknown settings are errors (a typo must
 * not be silently ignored); every error names the setting's path.
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
            throw new UncheckedIOException("cannot read configuration " + file, e);
        }
        return parse(text, file.toString());
    }

    /** Parses and validates configuration text; {@code origin} names it in messages. */
    public static BayesfuseConfig parse(String yaml, String origin) {
        BayesfuseConfig config;
        try {
            config = YAML.readValue(yaml, BayesfuseConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(path(e), "is not a known setting (known here: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))
                    + ") in " + origin);
        } catch (JsonMappingException e) {
            throw new ConfigException(path(e), e.getOriginalMessage() + " in " + origin);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file", "'" + origin + "' is not valid YAML: " + e.getOriginalMessage());
        }
        if (config == null) {
            throw new ConfigException("config file", "'" + origin + "' is empty");
        }
        config.validate();
        return config;
    }

    /** The setting path of a mapping error, as dotted names with [i] for list elements. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
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
