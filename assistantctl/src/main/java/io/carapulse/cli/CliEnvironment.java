package io.carapulse.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI takes from the process it runs in, passed in rather than read from globals so tests
 * can run many invocations side by side, each with its own variables and home.
 *
 * @param variables   the environment variables ({@code CARAPULSE_SERVER}, {@code CARAPULSE_TOKEN},
 *                    {@code CARAPULSE_HOME}, {@code NO_COLOR}, …)
 * @param userHome    the user's home directory
 * @param interactive whether a person watches a terminal: colour and spinners only then
 * @param stdin       where {@code -f -} and {@code --token-stdin} read from
 */
public record CliEnvironment(Map<String, String> variables, Path userHome, boolean interactive, InputStream stdin) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The real process: its environment, {@code user.home}, and whether a console is attached. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")),
                System.console() != null, System.in);
    }

    public String variable(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** Colour only for a person at a terminal that wants it (https://no-color.org). */
    public boolean colour() {
        return interactive && variable("NO_COLOR") == null && !"dumb".equals(variable("TERM"));
    }
}
