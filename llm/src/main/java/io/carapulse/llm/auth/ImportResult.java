package io.carapulse.llm.auth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, for the CLI to print: never a token.
 *
 * @param source   where the credentials came from ({@code codex:<path>}, {@code openclaw:<path>}, {@code manual})
 * @param store    the token sink they went to
 * @param imported the profiles written
 * @param skipped  entries of the source that were not imported, each with the reason
 * @param warnings what the user must do or know now; includes the ownership warning whenever a
 *                 refresh token was imported
 */
public record ImportResult(String source, Path store, List<ImportedProfile> imported, List<String> skipped,
                           List<String> warnings) {

    public ImportResult {
        imported = List.copyOf(imported);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /** The report as lines for a terminal. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (imported.isEmpty()) {
            lines.add("Nothing imported from " + source + ".");
        } else {
            lines.add("Imported from " + source + " into " + store + ":");
            imported.forEach(p -> lines.add("  " + p.describe()));
        }
        skipped.forEach(s -> lines.add("Skipped " + s));
        warnings.forEach(w -> lines.add("Warning: " + w));
        return lines;
    }
}
