package io.carapulse.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Prints a value as {@code -o json} or {@code -o yaml}; the table form is each command's own. */
public final class Printer {

    private Printer() {
    }

    /**
     * Prints {@code value} when {@code format} is JSON or YAML.
     *
     * @return {@code false} for the table format: the caller prints its table
     */
    public static boolean structured(PrintWriter out, OutputFormat format, Object value) {
        try {
            switch (format) {
                case JSON -> out.println(Json.pretty().writeValueAsString(value));
                case YAML -> out.print(Json.yaml().writeValueAsString(value));
                default -> {
                    return false;
                }
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
        return true;
    }

    /** One value per line for JSON (NDJSON), one document each for YAML: for streams of events. */
    public static void streamed(PrintWriter out, OutputFormat format, Object value) {
        try {
            if (format == OutputFormat.JSON) {
                out.println(Json.compact().writeValueAsString(value));
            } else {
                out.println("---");
                out.print(Json.yaml().writeValueAsString(value));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
