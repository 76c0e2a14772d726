package io.carapulse.cli.command.runbook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.RunbookView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliException;
import io.carapulse.cli.output.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code -p KEY=VALUE …} and {@code --params-file FILE}, for every command that gives a runbook its
 * parameters ({@code runbook run}, {@code schedule create}): the file's JSON object with each
 * {@code -p} set on it, typed by the runbook's declared parameter types ({@link ParameterTyper}).
 */
public final class RunbookParameters {

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A parameter, typed by the runbook's "
            + "declaration: replicas=3 is a number for an integer parameter, name=007 stays text for a string one.")
    List<String> words;

    @Option(names = "--params-file", paramLabel = "FILE", description = "A JSON object of parameters with their JSON "
            + "types ('-' reads stdin); -p overrides its keys.")
    String paramsFile;

    /** The runbook read (at the version asked for) and the parameters typed by its declarations. */
    public record Bound(RunbookView runbook, ObjectNode params) {
    }

    /**
     * Reads the runbook {@code name} ({@code version}, or the current one when {@code null}) and types
     * the parameters by it. A malformed {@code -p} or an unreadable file is refused before the server
     * is asked anything; a value that cannot have its parameter's type is refused naming it (exit 2).
     */
    public Bound bind(Cli cli, String name, Integer version) {
        Map<String, String> given = words();
        ObjectNode params = paramsFile == null ? JsonNodeFactory.instance.objectNode() : readParamsFile(cli);
        // the declared types, from the very version the caller then asks for
        RunbookView runbook = Runbooks.get(cli.api(), name, version);
        given.forEach((key, text) -> params.set(key, ParameterTyper.type(runbook, key, text)));
        return new Bound(runbook, params);
    }

    /** The {@code -p} words by key, in order; each key once. */
    private Map<String, String> words() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String w : words == null ? List.<String>of() : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("-p " + w + ": expected KEY=VALUE, e.g. -p replicas=3");
            }
            if (out.put(w.substring(0, eq), w.substring(eq + 1)) != null) {
                throw CliException.usage("-p " + w.substring(0, eq) + " is given twice");
            }
        }
        return out;
    }

    private ObjectNode readParamsFile(Cli cli) {
        try (InputStream in = paramsFile.equals("-") ? cli.env().stdin() : Files.newInputStream(Path.of(paramsFile))) {
            JsonNode tree = Json.reader().readTree(in);
            if (tree == null || !tree.isObject()) {
                throw CliException.usage(paramsFile + " is not a JSON object of parameters, e.g. {\"replicas\": 3}");
            }
            return (ObjectNode) tree;
        } catch (JacksonException e) {
            throw CliException.usage(paramsFile + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw CliException.usage("cannot read " + paramsFile + ": " + e.getMessage());
        }
    }
}
