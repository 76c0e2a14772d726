package io.carapulse.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Fills in the operations of the {@link CommandGroup}s an invocation needs: those named on its
 * command line ({@code plan list}, a group inside a group such as {@code llm auth}), every operation
 * of a group named without one ({@code plan --help}, {@code help exec}), or all of them to write a
 * completion script. {@code assistantctl --help} builds only the verbs.
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
                // only the operation named (plan list); all of them when none is (plan --help, a misspelt
                // one that picocli should suggest a name for, help plan)
                List<Class<?>> named = all ? List.of()
                        : group.commands().stream().filter(c -> named(c, words)).toList();
                (named.isEmpty() ? group.commands() : named).forEach(sub::addSubcommand);
                expand(sub, words, all);
            }
        });
    }

    private static boolean named(Class<?> operation, Set<String> words) {
        Command c = operation.getAnnotation(Command.class);
        return c != null && (words.contains(c.name()) || Arrays.stream(c.aliases()).anyMatch(words::contains));
    }
}
