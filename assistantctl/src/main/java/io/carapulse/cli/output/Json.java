package io.carapulse.cli.output;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The CLI's JSON and YAML mappers, created on first use (so {@code --help} never loads Jackson).
 *
 * <p>Reading server answers tolerates fields a newer server adds; what the CLI prints is the API
 * records of the version it was built with, fields in declaration order, times as ISO-8601 strings,
 * map keys sorted — the same bytes for the same data, so scripts can rely on it.
 */
public final class Json {

    private Json() {
    }

    /** Reads server answers; ignores unknown fields. */
    public static ObjectMapper reader() {
        return Holder.READER;
    }

    /** Writes {@code -o json}: indented, stable. */
    public static ObjectMapper pretty() {
        return Holder.PRETTY;
    }

    /** Writes one JSON document per line (event streams with {@code -o json}) and request bodies. */
    public static ObjectMapper compact() {
        return Holder.COMPACT;
    }

    /** Writes {@code -o yaml}. */
    public static ObjectMapper yaml() {
        return Holder.YAML;
    }

    /** Reads and writes files a person edits (plan files, config.yaml): unknown fields are an error. */
    public static ObjectMapper yamlStrict() {
        return Holder.YAML_STRICT;
    }

    private static final class Holder {
        static final ObjectMapper READER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        static final ObjectMapper COMPACT = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
        static final ObjectMapper PRETTY = COMPACT.copy().enable(SerializationFeature.INDENT_OUTPUT);
        static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
        static final ObjectMapper YAML_STRICT = YAML.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
