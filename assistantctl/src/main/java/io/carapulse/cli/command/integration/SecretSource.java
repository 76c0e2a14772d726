package io.carapulse.cli.command.integration;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret (a token, a private key) from where an option says it is: {@code -} (stdin), {@code file:PATH}
 * or {@code env:NAME}; never the secret itself on the command line, and never echoed.
 */
public final class SecretSource {

    private SecretSource() {
    }

    /**
     * The secret, without surrounding white space.
     *
     * @param option the option that named the source, for messages ({@code --token-from})
     * @param what   what it is, for messages ({@code the token})
     */
    public static String read(Cli cli, String option, String source, String what) {
        String text;
        if (source.equals("-")) {
            try (InputStream in = cli.env().stdin()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException(ExitCode.ERROR, "cannot read " + what + " from stdin (" + e.getMessage() + ")");
            }
        } else if (source.startsWith("file:")) {
            Path file = Path.of(source.substring("file:".length()));
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.usage("cannot read " + what + " file " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        } else if (source.startsWith("env:")) {
            String name = source.substring("env:".length());
            text = cli.env().variable(name);
            if (text == null) {
                throw CliException.usage("the environment variable " + name + " is not set");
            }
        } else {
            // never echo it: it may be the secret itself, given where a source was expected
            throw CliException.usage(option + " takes -, file:PATH or env:NAME; " + what
                    + " itself never goes on the command line");
        }
        text = text.strip();
        if (text.isEmpty()) {
            throw CliException.usage(what + " is empty");
        }
        return text;
    }
}
