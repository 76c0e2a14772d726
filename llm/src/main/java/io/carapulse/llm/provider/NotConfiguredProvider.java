package io.carapulse.llm.provider;

import io.carapulse.api.llm.LlmException;
import io.carapulse.api.llm.LlmListener;
import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmRequest;
import io.carapulse.api.llm.LlmStatus;
import java.util.Objects;

/**
 * The provider when chat cannot work: every call fails with {@code llm_not_configured} and a
 * message that says what to set; everything that does not need a model keeps working.
 */
public final class NotConfiguredProvider implements LlmProvider {

    private final String provider;
    private final String detail;

    /**
     * @param provider {@code none}, or the provider that was asked for but cannot run
     * @param detail   what is missing and how to fix it, one or two sentences
     */
    public NotConfiguredProvider(String provider, String detail) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String name() {
        return provider;
    }

    /** There is no model; {@code none}. */
    @Override
    public String model() {
        return "none";
    }

    @Override
    public LlmReply complete(LlmRequest request, LlmListener listener) {
        throw new LlmException.NotConfigured(detail);
    }

    @Override
    public LlmStatus status() {
        return new LlmStatus(provider, false, null, null, null, null, detail);
    }
}
