package io.carapulse.cli;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Fills in the operations of the {@link CommandGroup}s an invocation needs: those named on its
 * command line ({@code plan list}, {@code help exec}, a group inside a group such as {@code llm auth}),
 * or all of them to write a completion script. {@code assistantctl --help} builds only the verbs.
 */
final class CommandTree {

    private CommandTree() {
    }

    static void expand(CommandLine root, String... args) {
        Set<String> words = Arrays.stream(args).collect(Collectors.toSet());
        expand(root, words, words.contains("completion"));
    }

    private static void expand(CommandLine parent, Set<String> words, boolean all) {
        parent.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommand() instanceof CommandGroup group && sub.getSubcommands().isEmpty()
                    && (all || words.contains(name))) {
                group.commands().forEach(sub::addSubcommand);
                expand(sub, words, all);
            }
        });
    }
}
