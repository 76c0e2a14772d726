package io.carapulse.llm.provider;

import io.carapulse.config.ConfigurationException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The values of {@code carapulse.llm.provider}. */
public enum ProviderChoice {

    AUTO("auto"),
    OPENAI("openai"),
    OPENAI_CODEX("openai-codex"),
    NONE("none");

    private final String value;

    ProviderChoice(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Parses the setting; anything else stops the start-up with a message naming the key. */
    public static ProviderChoice parse(String text) {
        String wanted = text == null ? "auto" : text.strip();
        return Arrays.stream(values()).filter(c -> c.value.equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new ConfigurationException("carapulse.llm.provider: '" + wanted
                        + "' is not a provider; use one of " + Arrays.stream(values()).map(ProviderChoice::value)
                        .collect(Collectors.joining(", "))));
    }
}
