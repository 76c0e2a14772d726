package io.carapulse.cli.output;

import picocli.CommandLine.Option;

/** {@code -o/--output}, mixed into every command that shows something. */
public final class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = OutputFormat.Converter.class, completionCandidates = OutputFormat.Candidates.class,
            description = "table (default), json or yaml. JSON and YAML hold the API's records, stable for scripts.")
    OutputFormat format = OutputFormat.TABLE;

    public OutputFormat format() {
        return format;
    }
}
