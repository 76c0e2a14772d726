package io.carapulse.tools.git;

import java.util.ArrayList;
import java.util.List;

/**
 * A text file as the lines a unified diff speaks of. A file that does not end with a newline has git's
 * marker on its last line ({@code "\n\\ No newline at end of file"}), so a change of the final newline
 * alone is a changed line, and a diff printed from these lines is git's format.
 */
final class Lines {

    static final String NO_NEWLINE = "\\ No newline at end of file";
    static final String MARKER = "\n" + NO_NEWLINE;

    private Lines() {
    }

    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        boolean finalNewline = text.endsWith("\n");
        String body = finalNewline ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            out.add(line);
        }
        if (!finalNewline) {
            out.set(out.size() - 1, out.get(out.size() - 1) + MARKER);
        }
        return out;
    }

    static String text(List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        String last = lines.get(lines.size() - 1);
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).endsWith(MARKER)) {
                throw new IllegalArgumentException("only the last line may lack a newline");
            }
        }
        String joined = String.join("\n", lines);
        return last.endsWith(MARKER) ? joined.substring(0, joined.length() - MARKER.length()) : joined + "\n";
    }
}
