package io.carapulse.core.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every {@code carapulse_*} meter, built in one place with its help text and its buckets
 * (docs/observability.md lists them). Tag values are bounded: names from configuration or the tool
 * registry, codes and enum names; never an id or free text. A value that does not look like a name
 * is counted as {@code other}, so a bug cannot turn a label into an unbounded series.
 */
@Singleton
public class CarapulseMeters {

    /** Meter name → help text; the docs and the scrape test check against it. */
    public static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("carapulse.denials", "Requests refused by policy or state (403, 409, 422), by problem code"),
            Map.entry("carapulse.requests.refused",
                    "Requests refused before policy (authentication, malformed, not found), by problem code and status"),
            Map.entry("carapulse.plans", "Plans created, by environment and whether they need approval"),
            Map.entry("carapulse.executions.ended", "Executions that reached a final state or were held, by status"),
            Map.entry("carapulse.approval.webhooks", "Webhook deliveries from decision channels, by provider and outcome"),
            Map.entry("carapulse.step.duration",
                    "Time a step run took from its start to its stored end, by tool, action and outcome"),
            Map.entry("carapulse.approval.wait",
                    "Time an approval request waited from its request to its decision or expiry, by environment and outcome"),
            Map.entry("carapulse.llm.request.duration",
                    "Time one model call took, retries included, by provider, model family and outcome"),
            Map.entry("carapulse.llm.tokens", "Tokens one model call spent, by provider, model family and kind"),
            Map.entry("carapulse.webhook.intake.duration",
                    "Time taken to authenticate and queue one decision-channel webhook delivery, by provider and outcome"));

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,62}");

    private static final Duration[] STEP_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
            1800, 3600);
    private static final Duration[] APPROVAL_BUCKETS = seconds(10, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 28800,
            86400, 259200);
    private static final Duration[] LLM_BUCKETS = seconds(0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120);
    private static final Duration[] WEBHOOK_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5);
    private static final double[] TOKEN_BUCKETS = {100, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000};

    private final MeterRegistry registry;

    public CarapulseMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request refused by policy or state, audited. */
    public void denial(String code) {
        counter("carapulse.denials", "code", code).increment();
    }

    /** A request refused before policy (counted, never audited). */
    public void refused(String code, int status) {
        counter("carapulse.requests.refused", "code", code, "status", Integer.toString(status)).increment();
    }

    public void planCreated(String environment, boolean needsApproval) {
        counter("carapulse.plans", "environment", environment, "approval", Boolean.toString(needsApproval)).increment();
    }

    /** {@code status}: the execution's final (or held) status. */
    public void executionEnded(String status) {
        counter("carapulse.executions.ended", "status", status).increment();
    }

    /** One webhook delivery: counted, and its intake timed. */
    public void webhook(String provider, String outcome, Duration took) {
        counter("carapulse.approval.webhooks", "provider", provider, "outcome", outcome).increment();
        Timer.builder("carapulse.webhook.intake.duration").description(HELP.get("carapulse.webhook.intake.duration"))
                .tags("provider", bounded(provider), "outcome", bounded(outcome))
                .serviceLevelObjectives(WEBHOOK_BUCKETS).register(registry).record(took);
    }

    /** A step run ended; {@code outcome} is its status (succeeded, failed, timed_out, cancelled, …). */
    public void stepEnded(String tool, String action, String outcome, Duration took) {
        Timer.builder("carapulse.step.duration").description(HELP.get("carapulse.step.duration"))
                .tags("tool", bounded(tool), "action", bounded(action), "outcome", bounded(outcome))
                .serviceLevelObjectives(STEP_BUCKETS).register(registry).record(took);
    }

    /** An approval request was decided or expired after waiting {@code waited}. */
    public void approvalWaited(String environment, String outcome, Duration waited) {
        Timer.builder("carapulse.approval.wait").description(HELP.get("carapulse.approval.wait"))
                .tags("environment", bounded(environment), "outcome", bounded(outcome))
                .serviceLevelObjectives(APPROVAL_BUCKETS).register(registry)
                .record(waited.isNegative() ? Duration.ZERO : waited);
    }

    /** One model call; {@code outcome} is {@code ok} or the call's error code. */
    public void llmRequest(String provider, String modelFamily, String outcome, Duration took) {
        Timer.builder("carapulse.llm.request.duration").description(HELP.get("carapulse.llm.request.duration"))
                .tags("provider", bounded(provider), "model_family", bounded(modelFamily), "outcome", bounded(outcome))
                .serviceLevelObjectives(LLM_BUCKETS).register(registry).record(took);
    }

    /** Tokens one model call spent; {@code kind} is {@code input} or {@code output}. */
    public void llmTokens(String provider, String modelFamily, String kind, long tokens) {
        DistributionSummary.builder("carapulse.llm.tokens").description(HELP.get("carapulse.llm.tokens"))
                .baseUnit("tokens")
                .tags("provider", bounded(provider), "model_family", bounded(modelFamily), "kind", bounded(kind))
                .serviceLevelObjectives(TOKEN_BUCKETS).register(registry).record(tokens);
    }

    private Counter counter(String name, String... tags) {
        for (int i = 1; i < tags.length; i += 2) {
            tags[i] = bounded(tags[i]);
        }
        return Counter.builder(name).description(HELP.get(name)).tags(tags).register(registry);
    }

    /** {@code value} lower-cased when it looks like a name (at most 63 characters), else {@code other}. */
    static String bounded(String value) {
        if (value == null) {
            return "none";
        }
        String v = value.toLowerCase(Locale.ROOT);
        return NAME.matcher(v).matches() ? v : "other";
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos((long) (values[i] * 1_000_000_000L));
        }
        return out;
    }
}
