package io.carapulse.cli;

import java.util.List;

/**
 * A verb that only groups operations ({@code plan}, {@code exec}, …). Its operations are added by
 * {@link CommandTree} when the command line names the group, not declared in {@code @Command}: picocli
 * builds the model of every declared subcommand by reflection on each start, and most of
 * assistantctl's start-up time went there (docs/performance.md).
 */
public interface CommandGroup {

    /** The operations, one command class each, in the order help lists them. */
    List<Class<?>> commands();
}
