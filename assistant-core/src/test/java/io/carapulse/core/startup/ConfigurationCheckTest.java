package io.carapulse.core.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The start-up check on the server's real configuration files (application.yml) plus what a person
 * set: a value that cannot work is one line naming the setting and its variable, never the value.
 */
class ConfigurationCheckTest {

    private static final String PASTED = "sk-proj-canary0001 sk-proj-canary0001";

    /** The check as the launcher runs it: the server's configuration files plus {@code properties}. */
    private static List<String> check(Map<String, Object> properties, Map<String, String> env) {
        ApplicationContext probe = ApplicationContext.builder().properties(properties).build();
        Environment environment = probe.getEnvironment();
        environment.start();
        try {
            return new ConfigurationCheck(environment, env::get).problems();
        } finally {
            environment.stop();
        }
    }

    @Test
    void shouldPassTheShippedConfiguration() {
        assertThat(check(Map.of(), Map.of())).isEmpty();
    }

    @Test
    void shouldNameAnInvalidRetentionPeriod() {
        assertThat(check(Map.of("carapulse.retention.event-log", "90days"), Map.of())).singleElement().asString()
                .isEqualTo("carapulse.retention.event-log (CARAPULSE_RETENTION_EVENT_LOG): must be a duration such as "
                        + "500ms, 10s, 5m, 24h or 90d");
        assertThat(check(Map.of("carapulse.retention.chat", "90s"), Map.of())).singleElement().asString()
                .isEqualTo("carapulse.retention.chat (CARAPULSE_RETENTION_CHAT): must be at least 1h");
        assertThat(check(Map.of("carapulse.retention.step-output", "90d", "carapulse.retention.chat", "30d"), Map.of()))
                .isEmpty();
    }

    @Test
    void shouldNameAGuardRailLimitThatIsNotAPositiveWholeNumber() {
        assertThat(check(Map.of("carapulse.environments.prod.guard-rails.max-running-writes", "-1"), Map.of()))
                .singleElement().asString().isEqualTo("carapulse.environments.prod.guard-rails.max-running-writes "
                        + "(CARAPULSE_ENVIRONMENTS_PROD_GUARD_RAILS_MAX_RUNNING_WRITES): must be between 1 and 10000");
        assertThat(check(Map.of("carapulse.environments.prod.guard-rails.max-write-steps-per-plan", "two"), Map.of()))
                .singleElement().asString().startsWith("carapulse.environments.prod.guard-rails.max-write-steps-per-plan"
                        + " (CARAPULSE_ENVIRONMENTS_PROD_GUARD_RAILS_MAX_WRITE_STEPS_PER_PLAN): must be a whole number");
    }

    @Test
    void shouldRefuseAKeyPastedWhereItsReferenceBelongsWithoutShowingIt() {
        List<String> problems = check(Map.of("carapulse.llm.api-key", PASTED), Map.of());

        assertThat(problems).singleElement().asString()
                .startsWith("carapulse.llm.api-key (CARAPULSE_LLM_API_KEY): holds the secret itself")
                .contains("env:NAME").doesNotContain("canary").doesNotContain("sk-");
    }

    @Test
    void shouldRequireTheApiKeyReferenceToResolveWhenChatWouldUseIt(@TempDir Path dir) throws Exception {
        assertThat(check(Map.of("carapulse.llm.api-key", "env:MY_OPENAI_KEY"), Map.of())).singleElement().asString()
                .isEqualTo("carapulse.llm.api-key (CARAPULSE_LLM_API_KEY): env:MY_OPENAI_KEY is not set or is empty");
        assertThat(check(Map.of("carapulse.llm.api-key", "file:" + dir.resolve("absent")), Map.of()))
                .singleElement().asString().contains("cannot be read");

        Path twoKeys = Files.writeString(dir.resolve("key"), "sk-canary-a\nsk-canary-b\n");
        assertThat(check(Map.of("carapulse.llm.api-key", "file:" + twoKeys), Map.of())).singleElement().asString()
                .contains("contains whitespace or a line break").doesNotContain("canary");

        Path good = Files.writeString(dir.resolve("good"), "sk-canary-good\n");
        assertThat(check(Map.of("carapulse.llm.api-key", "file:" + good), Map.of())).isEmpty();
        // OPENAI_API_KEY wins, and chat switched off uses no key: neither needs the reference to resolve
        assertThat(check(Map.of("carapulse.llm.api-key", "env:MY_OPENAI_KEY"), Map.of("OPENAI_API_KEY", "sk-x"))).isEmpty();
        assertThat(check(Map.of("carapulse.llm.api-key", "env:MY_OPENAI_KEY", "carapulse.llm.provider", "none"),
                Map.of())).isEmpty();
    }

    @Test
    void shouldRefuseAnApiKeyVariableWithABlankInsideIt() {
        assertThat(check(Map.of(), Map.of("OPENAI_API_KEY", PASTED))).singleElement().asString()
                .isEqualTo("OPENAI_API_KEY: contains whitespace or a line break inside the key; paste the key alone");
        assertThat(check(Map.of(), Map.of("OPENAI_API_KEY", "sk-proj-canary0001\n"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "micronaut.server.port|80800|micronaut.server.port (CARAPULSE_PORT): must be between -1 and 65535",
        "micronaut.server.port|http|micronaut.server.port (CARAPULSE_PORT): must be a whole number between -1 and 65535",
        "datasources.default.url|postgres://u:canary@db/x|datasources.default.url (CARAPULSE_DB_URL): must be a PostgreSQL JDBC URL",
        "datasources.default.maximum-pool-size|-3|datasources.default.maximum-pool-size (CARAPULSE_DB_POOL_SIZE): must be between 1 and 1000",
        "carapulse.bootstrap.local-token|ture|carapulse.bootstrap.local-token (CARAPULSE_LOCAL_TOKEN): must be true or false",
        "carapulse.shutdown.grace-period|30 seconds|carapulse.shutdown.grace-period (CARAPULSE_SHUTDOWN_GRACE): must be a duration",
        "carapulse.shutdown.grace-period|2h|carapulse.shutdown.grace-period (CARAPULSE_SHUTDOWN_GRACE): must be at most 1h",
        "carapulse.executor.threads|four|carapulse.executor.threads (CARAPULSE_EXECUTOR_THREADS): must be a whole number",
        "carapulse.executor.poll-interval|2 seconds|carapulse.executor.poll-interval (CARAPULSE_EXECUTOR_POLL_INTERVAL): must be a duration such as",
        "carapulse.executor.heartbeat-interval|1O s|carapulse.executor.heartbeat-interval (CARAPULSE_EXECUTOR_HEARTBEAT): must be a duration such as",
        "carapulse.executor.missed-heartbeats-limit|2|carapulse.executor.missed-heartbeats-limit (CARAPULSE_EXECUTOR_MISSED_HEARTBEATS_LIMIT): must be between 4 and 1000",
        "carapulse.llm.provider|anthropic|carapulse.llm.provider (CARAPULSE_LLM_PROVIDER): must be one of auto, openai, openai-codex, none",
        "carapulse.llm.base-url|localhost:11434/v1|carapulse.llm.base-url (CARAPULSE_LLM_BASE_URL): must be an http(s) URL",
        "carapulse.llm.timeout|0s|carapulse.llm.timeout (CARAPULSE_LLM_TIMEOUT): must be at least 1s",
        "carapulse.llm.max-retries|11|carapulse.llm.max-retries (CARAPULSE_LLM_MAX_RETRIES): must be between 0 and 10",
        "carapulse.chat.turn-timeout|3 minutes|carapulse.chat.turn-timeout (CARAPULSE_CHAT_TURN_TIMEOUT): must be a duration",
        "carapulse.auth.token-cache-ttl|5m|carapulse.auth.token-cache-ttl (CARAPULSE_AUTH_TOKEN_CACHE_TTL): must be at most 1m",
        "carapulse.auth.oidc.issuer|http://sso.example.com|carapulse.auth.oidc.issuer (CARAPULSE_AUTH_OIDC_ISSUER): must be an https URL",
        "carapulse.audit.signing-key|file:relative.pem|carapulse.audit.signing-key (CARAPULSE_AUDIT_SIGNING_KEY): file: needs an absolute path",
        "carapulse.approvals.poll-interval|1ms|carapulse.approvals.poll-interval (CARAPULSE_APPROVALS_POLL_INTERVAL): must be at least 100ms",
        "carapulse.approvals.linear.api-key|lin_api_canary|carapulse.approvals.linear.api-key (CARAPULSE_APPROVALS_LINEAR_API_KEY): holds the secret itself",
        "carapulse.environments.dev.approval-ttl|24 hours|carapulse.environments.dev.approval-ttl (CARAPULSE_ENVIRONMENTS_DEV_APPROVAL_TTL): must be a duration",
        "carapulse.environments.dev.self-approval|yes please|carapulse.environments.dev.self-approval (CARAPULSE_ENVIRONMENTS_DEV_SELF_APPROVAL): must be true or false",
        "carapulse.tools.kubectl.transport|ssh|carapulse.tools.kubectl.transport (CARAPULSE_TOOLS_KUBECTL_TRANSPORT): must be one of auto, cli, http",
    })
    void shouldNameTheSettingAndItsVariableWithoutTheValue(String key, String value, String expected) {
        List<String> problems = check(Map.of(key, value), Map.of());

        assertThat(problems).singleElement().asString().startsWith(expected).doesNotContain(value);
    }

    @Test
    void shouldAcceptOnlyTheLogFormatsThereAre() {
        assertThat(check(Map.of(), Map.of("CARAPULSE_LOG_FORMAT", "JSON-lines"))).singleElement().asString()
                .isEqualTo("CARAPULSE_LOG_FORMAT: must be one of text, json");
        assertThat(check(Map.of(), Map.of("CARAPULSE_LOG_FORMAT", "json"))).isEmpty();
    }

    @Test
    void shouldNameABrokerKeyThatIsPastedInOrDoesNotResolveToA32ByteKey() {
        String pasted = "q0Jc3mJ8u1o3i5bH4X2Yk9Zp7sT6vR1wE8nL0aD2fGc=";
        String key = "carapulse.broker.key-encryption-key (CARAPULSE_BROKER_KEY_ENCRYPTION_KEY): ";
        assertThat(check(Map.of("carapulse.broker.key-encryption-key", pasted), Map.of())).singleElement().asString()
                .startsWith(key + "holds the key itself (44 characters, not shown)").doesNotContain(pasted);
        assertThat(check(Map.of("carapulse.broker.key-encryption-key", "env:KEK"), Map.of())).singleElement()
                .asString().isEqualTo(key + "the secret env:KEK is not set or is empty");
        assertThat(check(Map.of("carapulse.broker.key-encryption-key", "env:KEK"), Map.of("KEK", "c2hvcnQ=")))
                .singleElement().asString().isEqualTo(key + "env:KEK holds 5 bytes; a key encryption key is 32 bytes"
                        + " (openssl rand -base64 32)");
        assertThat(check(Map.of("carapulse.broker.key-encryption-key", "env:KEK"), Map.of("KEK", pasted))).isEmpty();
        assertThat(check(Map.of("carapulse.broker.key-encryption-key", "aws-kms:alias/carapulse"), Map.of())).isEmpty();
    }

    @Test
    void shouldReadTheLockTimeoutVariableAsWholeMilliseconds() {
        assertThat(check(Map.of(), Map.of("CARAPULSE_DB_LOCK_TIMEOUT_MS", "30s"))).singleElement().asString()
                .isEqualTo("CARAPULSE_DB_LOCK_TIMEOUT_MS: must be a whole number between 100 and 3600000");
        assertThat(check(Map.of(), Map.of("CARAPULSE_DB_LOCK_TIMEOUT_MS", "5000"))).isEmpty();
    }

    @Test
    void shouldAcceptTheDurationsAndUrlsTheDocumentationShows() {
        Map<String, Object> good = new HashMap<>();
        good.put("carapulse.executor.poll-interval", "500ms");
        good.put("carapulse.executor.max-step-timeout", "1h");
        good.put("carapulse.llm.timeout", "10m");
        good.put("carapulse.llm.base-url", "http://localhost:11434/v1");
        good.put("carapulse.llm.model", "qwen2.5:14b");
        good.put("carapulse.auth.token-cache-ttl", "0s");
        good.put("carapulse.audit.checkpoint-interval", "PT10M");
        good.put("carapulse.environments.dev.approval-ttl", "7d");
        good.put("carapulse.auth.oidc.issuer", "https://sso.example.com/realms/ops");
        good.put("carapulse.approvals.linear.api-key", "file:/run/secrets/linear-api-key");
        good.put("datasources.default.url", "jdbc:postgresql://db.internal:5432/carapulse");

        assertThat(check(good, Map.of())).isEmpty();
    }

    @Test
    void shouldListEveryProblemOnItsOwnLine() {
        assertThat(check(Map.of("micronaut.server.port", "x", "carapulse.llm.api-key", PASTED), Map.of()))
                .hasSize(2).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
    }

    @Test
    void shouldNameAPlaceholderThatCannotBeResolved() {
        assertThat(check(Map.of("carapulse.executor.threads", "${CARAPULSE_NOT_SET_ANYWHERE}"), Map.of()))
                .singleElement().asString()
                .startsWith("carapulse.executor.threads (CARAPULSE_EXECUTOR_THREADS): refers to a ${…} placeholder");
    }
}
