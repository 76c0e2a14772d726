package io.carapulse.cli.command.llm;

import io.carapulse.cli.CliEnvironment;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.llm.auth.AuthEnv;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Tokens given by hand, read from where the command line says they are — stdin ({@code -}), a file
 * ({@code file:PATH}) or a variable ({@code env:VAR}) — never from the command line itself, where every
 * user sees them in {@code ps} and the shell keeps them in its history. Nothing here puts a token in a
 * message.
 */
final class TokenInput {

    static final String FORMS = "-, file:PATH or env:VAR";

    private final CliEnvironment env;
    private final AuthEnv paths;
    private List<String> stdinLines;
    private int stdinUsed;

    TokenInput(CliEnvironment env, AuthEnv paths) {
        this.env = env;
        this.paths = paths;
    }

    /**
     * @param option the option, for messages ({@code --access-token})
     * @param where  its value: {@code -}, {@code file:PATH} or {@code env:VAR}; with {@code -} twice, the
     *               first read takes stdin's first line and the second its second line
     * @return the token, stripped
     */
    String read(String option, String where) {
        String spec = where.strip();
        if (spec.equals("-")) {
            return fromStdin(option);
        }
        if (spec.startsWith("file:") && spec.length() > "file:".length()) {
            return fromFile(option, paths.expand(spec.substring("file:".length())));
        }
        if (spec.startsWith("env:") && spec.length() > "env:".length()) {
            String name = spec.substring("env:".length());
            String value = env.variable(name);
            if (value == null) {
                throw CliException.usage(option + " env:" + name + ": the variable is not set");
            }
            return single(option, "env:" + name, value);
        }
        // the value may be the token itself: never repeat it
        throw CliException.usage(option + " takes where the token is (" + FORMS + "), never the token itself: on the "
                + "command line it is visible to every user in ps and stays in your shell history");
    }

    private String fromStdin(String option) {
        Console console = System.console();
        if (env.interactive() && console != null) {
            char[] typed = console.readPassword("%s (not shown): ", option.substring(2).replace('-', ' '));
            return single(option, "the terminal", typed == null ? "" : new String(typed));
        }
        if (stdinLines == null) {
            try {
                stdinLines = new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(String::strip).filter(l -> !l.isEmpty()).toList();
            } catch (IOException e) {
                throw CliException.usage(option + " -: cannot read stdin: " + e.getMessage());
            }
        }
        if (stdinUsed >= stdinLines.size()) {
            throw CliException.usage(option + " -: stdin has no " + (stdinUsed == 0 ? "" : "second ")
                    + "token (with --access-token - --refresh-token -, stdin holds the access token on its first line "
                    + "and the refresh token on its second)");
        }
        return stdinLines.get(stdinUsed++);
    }

    private static String fromFile(String option, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage(option + " file:" + file + ": no such file");
        } catch (IOException e) {
            throw CliException.usage(option + " file:" + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        if (text.strip().startsWith("{")) {
            throw CliException.usage(option + " file:" + file + " holds JSON, not a token: import a Codex login with "
                    + "--codex-auth " + file + ", OpenClaw's profiles with --openclaw-auth " + file);
        }
        return single(option, "file:" + file, text);
    }

    private static String single(String option, String where, String text) {
        List<String> lines = Arrays.stream(text.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() != 1) {
            throw new CliException(ExitCode.USAGE, option + " " + where + ": expected one token, found "
                    + (lines.isEmpty() ? "nothing" : lines.size() + " lines"));
        }
        return lines.get(0);
    }
}
