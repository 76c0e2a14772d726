package io.carapulse.tools.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scrubbed environment every CLI gets (S4, S5): nothing from the server's environment except an
 * allowlist of harmless variables, {@code HOME} and {@code TMPDIR} pointing at the call's private
 * directory (so caches and temp files land there, not in the server user's home), then the spec's
 * variables (the credential lease), which win.
 */
final class ProcessEnvironment {

    /** Copied from the server's environment when present, together with their lower-case forms. */
    static final List<String> ALLOWLIST = withLowerCase(List.of(
            "PATH", "LANG", "LC_ALL", "TZ", "SSL_CERT_FILE", "SSL_CERT_DIR",
            "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"));

    private ProcessEnvironment() {
    }

    /** Replaces everything in {@code target} (a ProcessBuilder's environment) with the scrubbed set. */
    static void apply(Map<String, String> target, Map<String, String> parent, Path home, Map<String, String> extra) {
        target.clear();
        for (String name : ALLOWLIST) {
            String value = parent.get(name);
            if (value != null) {
                target.put(name, value);
            }
        }
        target.put("HOME", home.toString());
        target.put("TMPDIR", home.toString());
        target.putAll(extra);
    }

    private static List<String> withLowerCase(List<String> names) {
        List<String> all = new ArrayList<>(names);
        names.forEach(n -> all.add(n.toLowerCase(Locale.ROOT)));
        return List.copyOf(all);
    }
}
