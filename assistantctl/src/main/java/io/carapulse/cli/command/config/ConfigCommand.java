package io.carapulse.cli.command.config;

import picocli.CommandLine.Command;

/** {@code assistantctl config …}: contexts in {@code $CARAPULSE_HOME/config.yaml}. */
@Command(name = "config", description = {"Contexts: named servers and where their tokens come from.",
        "They live in $CARAPULSE_HOME/config.yaml (default ~/.carapulse/config.yaml)."},
        subcommands = {SetContext.class, UseContext.class, GetContexts.class, DeleteContext.class})
public final class ConfigCommand {
}
