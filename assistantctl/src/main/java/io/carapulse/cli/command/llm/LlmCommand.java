package io.carapulse.cli.command.llm;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl llm …}: the language model's local set-up. */
@Command(name = "llm", description = {"The language model's local set-up: the ChatGPT login the openai-codex provider uses.",
        "The server's LLM status is in `assistantctl doctor`."})
public final class LlmCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(LlmAuthCommand.class);
    }
}
