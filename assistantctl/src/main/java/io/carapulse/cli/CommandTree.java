package io.carapulse.cli;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Fills in the operations of the {@link CommandGroup}s an invocation needs: those named on its
 * command line ({@code plan list}, {@code help exec}), or all of them to write a completion script.
 * {@code assistantctl --help} builds only the verbs.
 */
final class CommandTree {

    private CommandTree() {
    }

    static void expand(CommandLine root, String... args) {
        Set<String> words = Arrays.stream(args).collect(Collectors.toSet());
        boolean all = words.contains("completion");
        root.getSubcommands().forEach((name, group) -> {
            if (all || words.contains(name)) {
                fill(group);
            }
        });
    }

    private static void fill(CommandLine group) {
        if (group.getCommand() instanceof CommandGroup g && group.getSubcommands().isEmpty()) {
            g.commands().forEach(group::addSubcommand);
        }
    }
}
