package io.carapulse.cli.connect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code $CARAPULSE_HOME/config.yaml}, like a kubeconfig: named contexts and the current one.
 *
 * <pre>
 * current-context: prod
 * contexts:
 * - name: prod
 *   server: https://carapulse.example.com
 *   token-file: /home/me/.carapulse/prod.token
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CliConfig(@JsonProperty("current-context") String currentContext, List<ContextEntry> contexts) {

    public CliConfig {
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
    }

    public static CliConfig empty() {
        return new CliConfig(null, List.of());
    }

    public Optional<ContextEntry> context(String name) {
        return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** This config with {@code entry} added, or replacing the context of the same name in place. */
    public CliConfig with(ContextEntry entry) {
        List<ContextEntry> next = new ArrayList<>(contexts);
        int at = indexOf(entry.name());
        if (at >= 0) {
            next.set(at, entry);
        } else {
            next.add(entry);
        }
        return new CliConfig(currentContext, next);
    }

    public CliConfig withCurrent(String name) {
        return new CliConfig(name, contexts);
    }

    /** Whether any context keeps a token inline, so the file must stay private. */
    public boolean holdsSecrets() {
        return contexts.stream().anyMatch(c -> c.token() != null);
    }

    private int indexOf(String name) {
        for (int i = 0; i < contexts.size(); i++) {
            if (contexts.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
