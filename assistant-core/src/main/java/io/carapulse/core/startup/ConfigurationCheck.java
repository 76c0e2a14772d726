package io.carapulse.core.startup;

import static io.carapulse.core.startup.Shape.absolutePath;
import static io.carapulse.core.startup.Shape.bool;
import static io.carapulse.core.startup.Shape.directory;
import static io.carapulse.core.startup.Shape.duration;
import static io.carapulse.core.startup.Shape.integer;
import static io.carapulse.core.startup.Shape.jdbcUrl;
import static io.carapulse.core.startup.Shape.oneOf;
import static io.carapulse.core.startup.Shape.secretReference;
import static io.carapulse.core.startup.Shape.singleSecret;
import static io.carapulse.core.startup.Shape.token;
import static io.carapulse.core.startup.Shape.url;

import io.carapulse.llm.openai.ApiKey;
import io.micronaut.core.value.PropertyResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The start-up configuration check: every documented setting whose value has a known shape (ports,
 * durations, URLs, enum-like values, secret references and the references that must resolve now),
 * read as the server will read it, before anything else starts: no database connection, no
 * migration. Each problem is one line naming the setting and its environment variable, never the
 * value. The server's own components still check how settings fit together (an environment's
 * routing, OIDC, audit keys); this catches what would otherwise only fail at the first request.
 * The list is docs/configuration.md, "What is checked at start-up".
 */
public final class ConfigurationCheck {

    /**
     * One setting.
     *
     * @param key      the configuration key, or {@code null} for a setting that is only an environment variable
     * @param variable the environment variable people set it with
     * @param shape    what its value must look like
     */
    record Setting(String key, String variable, Shape shape) {
        Setting {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(shape, "shape");
        }

        /** {@code key (VARIABLE)}, or the variable alone. */
        String name() {
            return key == null ? variable : key + " (" + variable + ")";
        }
    }

    private static final Duration NONE = Duration.ZERO;
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration LONGEST = Duration.ofDays(365);
    private static final String LOCK_TIMEOUT_VARIABLE = "CARAPULSE_DB_LOCK_TIMEOUT_MS";

    private final PropertyResolver properties;
    private final Function<String, String> environment;

    /**
     * @param properties  the server's configuration (its {@code Environment}: files, variables, arguments)
     * @param environment the process environment, for settings read directly and {@code env:} references
     */
    public ConfigurationCheck(PropertyResolver properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** One line per setting that cannot work, in the order of the documentation; empty when all fit. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Setting setting : settings()) {
            String problem = problem(setting);
            if (problem != null) {
                problems.add(setting.name() + ": " + problem);
            }
        }
        return problems;
    }

    List<Setting> settings() {
        List<Setting> s = new ArrayList<>();
        // files, database, server
        s.add(new Setting("carapulse.home", "CARAPULSE_HOME", directory()));
        s.add(new Setting("micronaut.server.port", "CARAPULSE_PORT", integer(-1, 65535)));
        s.add(new Setting("datasources.default.url", "CARAPULSE_DB_URL", jdbcUrl()));
        s.add(new Setting("datasources.default.maximum-pool-size", "CARAPULSE_DB_POOL_SIZE", integer(1, 1000)));
        s.add(new Setting(null, LOCK_TIMEOUT_VARIABLE, integer(100, 3_600_000)));
        s.add(new Setting("carapulse.bootstrap.local-token", "CARAPULSE_LOCAL_TOKEN", bool()));
        s.add(new Setting(null, "CARAPULSE_LOG_FORMAT", oneOf("text", "json")));
        s.add(new Setting("carapulse.shutdown.grace-period", "CARAPULSE_SHUTDOWN_GRACE",
                duration(Duration.ZERO, Duration.ofHours(1))));
        // executor, events
        s.add(new Setting("carapulse.executor.threads", "CARAPULSE_EXECUTOR_THREADS", integer(1, 256)));
        s.add(new Setting("carapulse.executor.poll-interval", "CARAPULSE_EXECUTOR_POLL_INTERVAL",
                duration(Duration.ofMillis(100), Duration.ofHours(1))));
        s.add(new Setting("carapulse.executor.heartbeat-interval", "CARAPULSE_EXECUTOR_HEARTBEAT",
                duration(Duration.ofMillis(100), Duration.ofHours(1))));
        s.add(setting("carapulse.executor.missed-heartbeats-limit", integer(4, 1000)));
        s.add(setting("carapulse.executor.max-step-timeout", duration(Duration.ofSeconds(1), Duration.ofDays(7))));
        s.add(setting("carapulse.executor.cancel-check-interval", duration(Duration.ofMillis(10), Duration.ofMinutes(1))));
        s.add(setting("carapulse.executor.max-output-events", integer(0, 1_000_000)));
        s.add(setting("carapulse.executor.output-flush-interval", duration(MS, Duration.ofMinutes(1))));
        s.add(setting("carapulse.executor.output-excerpt-bytes", integer(1, 1_048_576)));
        s.add(setting("carapulse.events.fallback-poll", duration(Duration.ofMillis(10), Duration.ofMinutes(1))));
        s.add(setting("carapulse.evidence.follow-up.first-delay", duration(Duration.ofMillis(10), Duration.ofHours(1))));
        s.add(setting("carapulse.evidence.follow-up.max-delay", duration(Duration.ofMillis(10), Duration.ofHours(6))));
        // language model, chat
        s.add(setting("carapulse.llm.provider", oneOf("auto", "openai", "openai-codex", "none")));
        s.add(setting("carapulse.llm.model", token()));
        s.add(setting("carapulse.llm.base-url", url(false)));
        s.add(new Setting(null, ApiKey.ENV, singleSecret()));
        s.add(setting(ApiKey.SETTING, secretReference(ApiKey.SETTING, apiKeyInUse() ? environment : null, true)));
        s.add(new Setting(null, "OPENAI_ACCESS_TOKEN", singleSecret()));
        s.add(setting("carapulse.llm.timeout", duration(Duration.ofSeconds(1), Duration.ofDays(1))));
        s.add(setting("carapulse.llm.max-retries", integer(0, 10)));
        s.add(setting("carapulse.llm.codex.token-url", url(true)));
        s.add(setting("carapulse.chat.max-tool-calls", integer(0, 1000)));
        s.add(setting("carapulse.chat.max-output-chars", integer(256, 10_000_000)));
        s.add(setting("carapulse.chat.max-tokens", integer(1, 100_000_000)));
        s.add(setting("carapulse.chat.turn-timeout", duration(Duration.ofSeconds(1), Duration.ofDays(1))));
        s.add(setting("carapulse.chat.model-call-timeout", duration(Duration.ofSeconds(1), Duration.ofDays(1))));
        // audit: the signing key is needed from the first checkpoint on, so it must be readable now
        s.add(setting("carapulse.audit.signing-key", secretReference("carapulse.audit.signing-key", environment, false)));
        s.add(setting("carapulse.audit.verify-key", secretReference("carapulse.audit.verify-key", environment, false)));
        s.add(setting("carapulse.audit.checkpoint-interval", duration(Duration.ofMillis(100), LONGEST)));
        // credential broker: the key must be readable now; whether it opens the stored secrets is checked
        // after the migrations (KeyCheck)
        s.add(setting("carapulse.broker.key-encryption-key",
                Shape.keyEncryptionKey("carapulse.broker.key-encryption-key", environment)));
        s.add(setting("carapulse.broker.rotation-batch-size", integer(1, 10_000)));
        s.add(setting("carapulse.broker.kms.endpoint", url(false)));
        // retention: unset keeps forever; a period under an hour is a typo (90s for 90d), not a policy
        s.add(setting("carapulse.retention.event-log", duration(Duration.ofHours(1), Duration.ofDays(36_500))));
        s.add(setting("carapulse.retention.step-output", duration(Duration.ofHours(1), Duration.ofDays(36_500))));
        s.add(setting("carapulse.retention.chat", duration(Duration.ofHours(1), Duration.ofDays(36_500))));
        s.add(setting("carapulse.retention.interval", duration(Duration.ofSeconds(1), LONGEST)));
        s.add(setting("carapulse.retention.batch-size", integer(1, 10_000)));
        // authentication
        s.add(setting("carapulse.auth.token-cache-ttl", duration(NONE, Duration.ofMinutes(1))));
        s.add(setting("carapulse.auth.oidc.issuer", url(true)));
        s.add(setting("carapulse.auth.oidc.audience", token()));
        s.add(setting("carapulse.auth.oidc.clock-skew", duration(NONE, Duration.ofMinutes(5))));
        // approvals
        s.add(setting("carapulse.approvals.public-url", url(false)));
        s.add(setting("carapulse.approvals.dispatch-interval", duration(Duration.ofMillis(100), LONGEST)));
        s.add(setting("carapulse.approvals.poll-interval", duration(Duration.ofMillis(100), LONGEST)));
        s.add(setting("carapulse.approvals.max-backoff", duration(Duration.ofSeconds(1), LONGEST)));
        s.add(setting("carapulse.approvals.webhook-max-bytes", integer(1024, 1_048_576)));
        s.add(reference("carapulse.approvals.linear.api-key"));
        s.add(reference("carapulse.approvals.linear.webhook-secret"));
        s.add(setting("carapulse.approvals.linear.api-url", url(true)));
        s.add(setting("carapulse.approvals.linear.webhook-tolerance", duration(Duration.ofSeconds(1), Duration.ofMinutes(10))));
        s.add(setting("carapulse.approvals.linear.timeout", duration(MS, Duration.ofHours(1))));
        s.add(reference("carapulse.approvals.pagerduty.routing-key"));
        s.add(reference("carapulse.approvals.pagerduty.api-token"));
        s.add(setting("carapulse.approvals.pagerduty.events-url", url(true)));
        s.add(setting("carapulse.approvals.pagerduty.api-url", url(true)));
        s.add(setting("carapulse.approvals.pagerduty.timeout", duration(MS, Duration.ofHours(1))));
        for (String env : properties.getPropertyEntries("carapulse.environments")) {
            String k = "carapulse.environments." + env;
            s.add(setting(k + ".self-approval", bool()));
            s.add(setting(k + ".break-glass-allowed", bool()));
            s.add(setting(k + ".approval-ttl", duration(Duration.ofSeconds(1), LONGEST)));
            s.add(setting(k + ".pagerduty.page", oneOf("always", "break-glass")));
            s.add(setting(k + ".pagerduty.severity", oneOf("critical", "error", "warning", "info")));
            s.add(reference(k + ".pagerduty.routing-key"));
            // a typo here would only show as a binding failure; windows and freezes are lists, checked
            // when the environments load (EnvironmentCatalog)
            s.add(setting(k + ".guard-rails.max-write-steps-per-plan", integer(1, 1000)));
            s.add(setting(k + ".guard-rails.max-running-writes", integer(1, 10_000)));
            // a tool family's section (kubernetes, argocd, helm, aws …) is checked by the family itself
            // (its InventorySection) when the environments are loaded, naming the key the same way
        }
        for (String tool : properties.getPropertyEntries("carapulse.tools")) {
            String k = "carapulse.tools." + tool;
            s.add(setting(k + ".transport", oneOf("auto", "cli", "http")));
            s.add(setting(k + ".binary", absolutePath()));
            s.add(setting(k + ".timeout", duration(MS, Duration.ofDays(1))));
        }
        return s;
    }

    /** The value as the server would read it, or what is wrong with it; never the value. */
    private String problem(Setting setting) {
        String value;
        try {
            value = setting.key() == null ? environment.apply(setting.variable())
                    : properties.getProperty(setting.key(), String.class).orElse(null);
        } catch (RuntimeException unresolvable) {
            return "refers to a ${…} placeholder that is not set and has no default";
        }
        return value == null || value.isBlank() ? null : setting.shape().problem(value);
    }

    /**
     * Whether {@code carapulse.llm.api-key} is the key chat will use, so it must resolve now: the
     * provider may use {@code openai} and {@code OPENAI_API_KEY} (which wins) is not set.
     */
    private boolean apiKeyInUse() {
        String fromEnv = environment.apply(ApiKey.ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return false;
        }
        String provider;
        try {
            provider = properties.getProperty("carapulse.llm.provider", String.class).orElse("auto");
        } catch (RuntimeException unresolvable) {
            return false;
        }
        String p = provider.strip().toLowerCase(Locale.ROOT);
        return p.equals("auto") || p.equals("openai");
    }

    private Setting reference(String key) {
        return setting(key, secretReference(key, null, false));
    }

    /** A setting whose environment variable is its key in upper case, {@code .} and {@code -} as {@code _}. */
    private static Setting setting(String key, Shape shape) {
        return new Setting(key, variableOf(key), shape);
    }

    static String variableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
