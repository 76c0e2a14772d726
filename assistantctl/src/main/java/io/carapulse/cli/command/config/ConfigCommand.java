package io.carapulse.cli.command.config;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl config …}: contexts in {@code $CARAPULSE_HOME/config.yaml}. */
@Command(name = "config", description = {"Contexts: named servers and where their tokens come from.",
        "They live in $CARAPULSE_HOME/config.yaml (default ~/.carapulse/config.yaml)."})
public final class ConfigCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(SetContext.class, UseContext.class, GetContexts.class, DeleteContext.class);
    }
}
