package io.carapulse.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.dto.Assertion;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.common.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where in a plan's arguments a secret is found, and what the refusal says (never the value). */
class SecretArgumentsTest {

    private static final String GITHUB = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG\n-----END PRIVATE KEY-----";

    @Test
    void shouldFindASecretInsideNestedArraysAndObjectsAndNameItsPath() {
        StepSpec plain = step(Map.of("name", "web"));
        StepSpec nested = step(Map.of("name", "web", "env", List.of("GIT_TOKEN_FILE=/run/token", GITHUB),
                "tls", Map.of("key", PEM)));

        List<SecretArguments.Finding> found = SecretArguments.find(List.of(plain, nested));

        assertThat(found).extracting(SecretArguments.Finding::path)
                .containsExactlyInAnyOrder("steps[1].args.env[1]", "steps[1].args.tls.key");
        assertThat(found).extracting(SecretArguments.Finding::step).containsOnly(1);
        assertThat(found).extracting(SecretArguments.Finding::kind)
                .containsExactlyInAnyOrder("GitHub token", "private key or certificate block");
    }

    @Test
    void shouldFindAValueThatIsASecretOnlyBecauseOfTheKeyItIsStoredUnder() {
        // helm upgrade values: "hunter2-pass" alone looks like nothing, but it is stored as "password":"hunter2-pass"
        StepSpec helm = step(Map.of("values", Map.of("postgresql", Map.of("auth", Map.of("password", "hunter2-pass",
                "existingSecret", "db-creds")), "redis", Map.of("password", 123456))));

        List<SecretArguments.Finding> found = SecretArguments.find(List.of(helm));

        assertThat(found).extracting(SecretArguments.Finding::path).containsExactlyInAnyOrder(
                "steps[0].args.values.postgresql.auth.password", "steps[0].args.values.redis.password");
    }

    @Test
    void shouldNameTheObjectWhenTheKeyItselfIsTheSecretAndQuoteOtherKeysThatAreNotPlain() {
        StepSpec keyed = step(Map.of("labels", Map.of(GITHUB, "x"), "annotations", Map.of("a.b/c d", GITHUB)));

        List<SecretArguments.Finding> found = SecretArguments.find(List.of(keyed));

        assertThat(found).extracting(SecretArguments.Finding::path)
                .containsExactlyInAnyOrder("steps[0].args.labels", "steps[0].args.annotations[\"a.b/c d\"]");
        assertThat(found).allSatisfy(f -> assertThat(f.message()).doesNotContain(GITHUB));
    }

    @Test
    void shouldCheckAVerifyStepsAssertionToo() {
        StepSpec verify = new StepSpec("fake", "get", Json.object().put("name", "web"), "verify",
                new Assertion("/data/token", "eq", Json.toTree(Map.of("auth", "Bearer abc123.DEF456-ghi_789"))), null);

        assertThat(SecretArguments.find(List.of(verify))).extracting(SecretArguments.Finding::path)
                .containsExactly("steps[0].assert.value.auth");
    }

    @Test
    void shouldRefuseWithTheCodeEveryPathAndTheGuidanceButNeverTheValue() {
        StepSpec first = step(Map.of("text", "token=" + "s3cr3t-v4lue"));
        StepSpec second = step(Map.of("text", GITHUB));

        assertThatThrownBy(() -> SecretArguments.refuse(List.of(first, second)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem()).isEqualTo(ProblemCode.SECRET_IN_ARGUMENTS);
                    assertThat(e.getMessage()).startsWith("steps[0].args.text contains a secret (")
                            .contains("and 1 more").contains("docs/security-model.md#secrets-in-plan-arguments")
                            .doesNotContain("s3cr3t-v4lue").doesNotContain(GITHUB);
                    assertThat(e.extensions().get("errors").toString()).contains("steps[1].args.text")
                            .contains("GitHub token").doesNotContain("s3cr3t-v4lue").doesNotContain(GITHUB);
                });
    }

    @Test
    void shouldPassStepsWithoutSecretsAndToleratePartsThatAreMissing() {
        StepSpec ordinary = step(Map.of("name", "web", "replicas", 3, "selector", "app=web,tier!=cache",
                "secretName", "web-tls", "tokens", 5, "token", 5, "enabled", true));
        StepSpec noArgs = new StepSpec("fake", "get", null, null, null, null);

        SecretArguments.refuse(Arrays.asList(ordinary, noArgs, null));
        SecretArguments.refuse(null);

        assertThat(SecretArguments.find(List.of(ordinary, noArgs))).isEmpty();
    }

    private static StepSpec step(Map<String, Object> args) {
        return new StepSpec("fake", "echo", (com.fasterxml.jackson.databind.node.ObjectNode) Json.toTree(args), "act",
                null, null);
    }
}
