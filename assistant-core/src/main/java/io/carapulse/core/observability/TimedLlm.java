package io.carapulse.core.observability;

import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.llm.LlmListener;
import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmRequest;
import io.carapulse.api.llm.LlmStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A model that records each call's duration and tokens in {@link CarapulseMeters}. Core wraps the
 * provider it hands to a chat turn with it, so the llm module stays free of Micrometer.
 */
public final class TimedLlm implements LlmProvider {

    /** A dated snapshot suffix: {@code -2024-08-06}, {@code -20240806}. */
    private static final Pattern SNAPSHOT = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");

    private final LlmProvider model;
    private final CarapulseMeters meters;

    public TimedLlm(LlmProvider model, CarapulseMeters meters) {
        this.model = model;
        this.meters = meters;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public String model() {
        return model.model();
    }

    @Override
    public LlmReply complete(LlmRequest request, LlmListener listener) {
        String family = family(model.model());
        long began = System.nanoTime();
        String outcome = "error";
        try {
            LlmReply reply = model.complete(request, listener);
            outcome = "ok";
            meters.llmTokens(model.name(), family, "input", reply.usage().inputTokens());
            meters.llmTokens(model.name(), family, "output", reply.usage().outputTokens());
            return reply;
        } catch (CarapulseException e) {
            outcome = e.code();
            throw e;
        } finally {
            meters.llmRequest(model.name(), family, outcome, Duration.ofNanos(System.nanoTime() - began));
        }
    }

    @Override
    public LlmStatus status() {
        return model.status();
    }

    /** The configured model without a dated snapshot suffix: {@code gpt-4o-2024-08-06} is {@code gpt-4o}. */
    static String family(String model) {
        if (model == null || model.isBlank()) {
            return "none";
        }
        return SNAPSHOT.matcher(model.toLowerCase(Locale.ROOT)).replaceFirst("");
    }
}
