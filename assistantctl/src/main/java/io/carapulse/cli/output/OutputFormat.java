package io.carapulse.cli.output;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code -o table|json|yaml}. */
public enum OutputFormat {
    TABLE, JSON, YAML;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the lower-case names. */
    public static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : values()) {
                if (f.wire().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new TypeConversionException("expected table, json or yaml, not '" + value + "'");
        }
    }

    /** For help and shell completion. */
    public static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("table", "json", "yaml").iterator();
        }
    }
}
