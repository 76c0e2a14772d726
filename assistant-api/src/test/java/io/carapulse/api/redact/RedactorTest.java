package io.carapulse.api.redact;

import static io.carapulse.api.redact.Redactor.MASK;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Promise S4: what the redactor masks, and what it must leave alone. */
class RedactorTest {

    private static final Redactor PATTERNS = Redactor.patterns();

    @Nested
    class SecretsGivenByValue {

        private static final String CANARY = "canary-Zq9xV7pL2mK4";

        private final Redactor redactor = Redactor.patterns().with(List.of(CANARY));

        @Test
        void shouldMaskACanaryInsideLongerText() {
            String out = redactor.redact("connecting with x" + CANARY + "y to the cluster");

            assertThat(out).doesNotContain(CANARY).isEqualTo("connecting with x" + MASK + "y to the cluster");
        }

        @Test
        void shouldMaskEveryOccurrenceOfARepeatedCanary() {
            String out = redactor.redact(CANARY + " and " + CANARY + "," + CANARY);

            assertThat(out).isEqualTo(MASK + " and " + MASK + "," + MASK);
        }

        @Test
        void shouldMaskACanaryOnEveryLineOfMultiLineText() {
            String out = redactor.redact("line one " + CANARY + "\nline two\n" + CANARY + " line three\n");

            assertThat(out).doesNotContain(CANARY).isEqualTo("line one " + MASK + "\nline two\n" + MASK + " line three\n");
        }

        @Test
        void shouldMaskASecretThatSpansLines() {
            String multiLine = "first-half-Qw7\nsecond-half-Zr8";
            Redactor r = Redactor.patterns().with(List.of(multiLine));

            assertThat(r.redact("before\n" + multiLine + "\nafter")).isEqualTo("before\n" + MASK + "\nafter");
        }

        @Test
        void shouldMaskASecretThatContainsAnotherAsOneWhole() {
            String inner = "Zq9xV7pL";
            String outer = "prefix-" + inner + "-suffix";
            // the shorter one first, to prove the order of the list does not matter
            Redactor r = Redactor.patterns().with(List.of(inner, outer));

            assertThat(r.redact("a " + outer + " b " + inner + " c")).isEqualTo("a " + MASK + " b " + MASK + " c");
        }

        @Test
        void shouldKeepLongestFirstWhenValuesAreAddedInSeveralCalls() {
            String inner = "Zq9xV7pL";
            String outer = "prefix-" + inner + "-suffix";
            Redactor r = Redactor.patterns().with(List.of(inner)).with(List.of(outer));

            assertThat(r.redact(outer)).isEqualTo(MASK);
        }

        @Test
        void shouldIgnoreValuesShorterThanFourCharacters() {
            Redactor r = Redactor.patterns().with(Arrays.asList("abc", "", null, "x"));

            assertThat(r.redact("abc x def")).isEqualTo("abc x def");
        }

        @Test
        void shouldMaskAValueOfExactlyFourCharacters() {
            Redactor r = Redactor.patterns().with(List.of("wxyz"));

            assertThat(r.redact("id wxyz end")).isEqualTo("id " + MASK + " end");
        }

        @Test
        void shouldNotTeachThePatternsOnlyRedactorTheValues() {
            redactor.redact(CANARY);

            assertThat(Redactor.patterns().redact(CANARY)).isEqualTo(CANARY);
        }

        @Test
        void shouldRedactEveryElementOfAList() {
            assertThat(redactor.redactAll(List.of("kubectl", "--token=" + CANARY, CANARY)))
                    .containsExactly("kubectl", "--token=" + MASK, MASK);
        }

        @Test
        void shouldReturnNullAndEmptyUnchanged() {
            assertThat(redactor.redact(null)).isNull();
            assertThat(redactor.redact("")).isEmpty();
        }
    }

    @Nested
    class Patterns {

        static Stream<Arguments> secrets() {
            return Stream.of(
                    Arguments.of("AWS access key id", "key AKIAIOSFODNN7EXAMPLE in use", "AKIAIOSFODNN7EXAMPLE",
                            "key " + MASK + " in use"),
                    Arguments.of("AWS role unique id", "role AROAY34FZKBOKMUTVV7A", "AROAY34FZKBOKMUTVV7A",
                            "role " + MASK),
                    Arguments.of("JWT", "id_token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
                                    + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end",
                            "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "id_token " + MASK + " end"),
                    Arguments.of("Bearer header", "Authorization: Bearer abc123.DEF456-ghi_789",
                            "abc123.DEF456-ghi_789", "Authorization: Bearer " + MASK),
                    Arguments.of("Basic header", "authorization: Basic dXNlcjpwYXNzd29yZA==",
                            "dXNlcjpwYXNzd29yZA==", "authorization: Basic " + MASK),
                    Arguments.of("password=", "psql password=s3cr3tPass host=db", "s3cr3tPass",
                            "psql password=" + MASK + " host=db"),
                    Arguments.of("\"token\": \"...\"", "{\"token\": \"tkn-9f8e7d6c\", \"ok\": true}", "tkn-9f8e7d6c",
                            "{\"token\": \"" + MASK + "\", \"ok\": true}"),
                    Arguments.of("api_key: ...", "api_key: k-0123456789abcdef", "k-0123456789abcdef",
                            "api_key: " + MASK),
                    Arguments.of("aws_secret_access_key = ...",
                            "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nregion = eu",
                            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                            "[default]\naws_secret_access_key = " + MASK + "\nregion = eu"),
                    Arguments.of("kubeconfig client-key-data",
                            "users:\n- name: admin\n  user:\n    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURQ==\n",
                            "LS0tLS1CRUdJTiBSU0EgUFJJVkFURQ==",
                            "users:\n- name: admin\n  user:\n    client-key-data: " + MASK + "\n"),
                    Arguments.of("kubeconfig token",
                            "users:\n- name: sa\n  user:\n    token: sha256~Xy12AbCdEf\n", "sha256~Xy12AbCdEf",
                            "users:\n- name: sa\n  user:\n    token: " + MASK + "\n"),
                    Arguments.of("Carapulse API token", "export CARAPULSE_TOKEN=cpt_q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c",
                            "cpt_q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c", "export CARAPULSE_TOKEN=" + MASK));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("secrets")
        void shouldMaskAWellKnownCredentialShape(String name, String text, String secret, String expected) {
            String out = PATTERNS.redact(text);

            assertThat(out).doesNotContain(secret).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("secrets")
        void shouldNameTheKindOfEachWellKnownCredentialShapeWithoutTheSecret(String name, String text, String secret,
                                                                             String expected) {
            assertThat(PATTERNS.containsSecret(text)).isTrue();
            assertThat(PATTERNS.secretKind(text)).hasValueSatisfying(kind -> assertThat(kind).isNotBlank()
                    .doesNotContain(secret));
        }

        /**
         * A temporary access key id is CloudTrail's join key and useless without its secret and session
         * token, which stay masked: it is kept, so an AWS action's evidence can name it.
         */
        @Test
        void shouldKeepATemporaryAwsKeyIdButMaskItsSecretAndToken() {
            String text = "\"AccessKeyId\": \"ASIAY34FZKBOKMUTVV7A\", \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPx\", "
                    + "\"SessionToken\": \"IQoJb3JpZ2luX2VjEOz0123456789abcdef\"";

            String out = PATTERNS.redact(text);

            assertThat(out).contains("ASIAY34FZKBOKMUTVV7A").doesNotContain("wJalrXUtnFEMI", "IQoJb3JpZ2luX2VjEOz");
            assertThat(PATTERNS.secretKind("ASIAY34FZKBOKMUTVV7A")).isEmpty();
            assertThat(PATTERNS.redact("AKIAIOSFODNN7EXAMPLE")).isEqualTo(MASK);
        }

        /** {@code token:tok_…} names a token as an actor (an id, in the audit and in errors): it is no credential. */
        @Test
        void shouldKeepATokensActorIdButMaskATokenValue() {
            String actor = "token:tok_01m9968gbbncec249tw4ejs87m";

            assertThat(PATTERNS.redact(actor + " has no connected GitHub connection")).isEqualTo(
                    actor + " has no connected GitHub connection");
            assertThat(PATTERNS.redact("token: tok_01m9968gbbncec249tw4ejs87m")).contains("tok_01m9968gbbncec249tw4ejs87m");
            assertThat(PATTERNS.redact("token:tok_01m9968gbbncec249tw4ejs87mEXTRA")).doesNotContain("EXTRA");
            assertThat(PATTERNS.redact("token:tok_notanid")).doesNotContain("tok_notanid");
            assertThat(PATTERNS.redact("token: s3cr3t-value-9")).doesNotContain("s3cr3t-value-9");
            assertThat(PATTERNS.redact("token=cpt_" + "a".repeat(30))).doesNotContain("aaaaaaaaaa");
        }

        @Test
        void shouldNameTheKindsOfSecretsPlansAreMostLikelyToCarry() {
            assertThat(PATTERNS.secretKind("AKIAIOSFODNN7EXAMPLE")).contains("AWS access key id");
            assertThat(PATTERNS.secretKind("ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8")).contains("GitHub token");
            assertThat(PATTERNS.secretKind("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG\n-----END PRIVATE KEY-----"))
                    .contains("private key or certificate block");
            assertThat(PATTERNS.secretKind("Authorization: Bearer abc123.DEF456-ghi_789"))
                    .contains("Bearer or Basic credential");
            assertThat(PATTERNS.secretKind("password=s3cr3tPass")).hasValueSatisfying(k -> assertThat(k)
                    .contains("credential key"));
        }

        @Test
        void shouldNameAValueItWasGivenAsAKnownSecret() {
            Redactor r = PATTERNS.with(List.of("lease-value-123"));

            assertThat(r.secretKind("x lease-value-123 y")).contains("known secret value");
            assertThat(PATTERNS.secretKind("x lease-value-123 y")).isEmpty();
        }

        @Test
        void shouldMaskAMultiLinePrivateKeyBlockWhole() {
            String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq0\nZ2V0IHlvdXIgb3du\n"
                    + "-----END RSA PRIVATE KEY-----";

            String out = PATTERNS.redact("key:\n" + pem + "\ndone");

            assertThat(out).isEqualTo("key:\n" + MASK + "\ndone");
        }

        @Test
        void shouldMaskACertificateBlockAndEachOfSeveralBlocks() {
            String cert = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\nbHVja3kgZ3Vlc3M=\n-----END CERTIFICATE-----";
            String key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG\n-----END PRIVATE KEY-----";

            String out = PATTERNS.redact(cert + "\n" + key + "\n");

            assertThat(out).isEqualTo(MASK + "\n" + MASK + "\n");
        }

        @Test
        void shouldMaskACredentialAfterAValueWasMasked() {
            Redactor r = PATTERNS.with(List.of("lease-value-123"));

            String out = r.redact("lease-value-123 then password=hunter22");

            assertThat(out).isEqualTo(MASK + " then password=" + MASK);
        }
    }

    @Nested
    class TextWithoutSecrets {

        @ParameterizedTest
        @ValueSource(strings = {
                "deployment.apps/web scaled",
                "deployment.apps/web condition met",
                "  resourceVersion: \"8127364\"",
                "metadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 3\n",
                "tokens: 5",
                "max_tokens: 5",
                "secretName: web-tls",
                "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           12d",
                "Release \"web\" has been upgraded. Happy Helming!\nREVISION: 7",
                "arn:aws:cloudtrail:eu-west-1:123456789012:trail/main",
                "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        })
        void shouldReturnOrdinaryToolOutputUnchanged(String text) {
            assertThat(PATTERNS.redact(text)).isEqualTo(text);
            assertThat(PATTERNS.containsSecret(text)).isFalse();
        }

        @Test
        void shouldMaskEvenATrivialValueUnderACredentialKeyInYaml() {
            // decided: a YAML line whose key is exactly a credential name is masked whatever its value;
            // the plural "tokens: 5" above is not a credential key and stays as it is
            assertThat(PATTERNS.redact("token: 5")).isEqualTo("token: " + MASK);
        }
    }

    /** Credential values the patterns used to cut short or miss: each of these leaked before. */
    @Nested
    class QuotedAndDifferentlyNamedCredentials {

        @Test
        void shouldMaskAWholeQuotedPasswordThatContainsSpaces() {
            String out = PATTERNS.redact("{\"user\": \"ops\", \"password\": \"correct horse battery staple\"}");

            assertThat(out).doesNotContain("horse").doesNotContain("staple")
                    .isEqualTo("{\"user\": \"ops\", \"password\": \"" + MASK + "\"}");
        }

        @Test
        void shouldMaskAQuotedPasswordWithAnEscapedQuoteWhole() {
            String out = PATTERNS.redact("{\"password\": \"ab\\\"cd-ef\"}");

            assertThat(out).doesNotContain("cd-ef").isEqualTo("{\"password\": \"" + MASK + "\"}");
        }

        @Test
        void shouldMaskAWholeYamlPasswordThatContainsSpaces() {
            String out = PATTERNS.redact("db:\n  password: correct horse battery\n  port: 5432\n");

            assertThat(out).isEqualTo("db:\n  password: " + MASK + "\n  port: 5432\n");
        }

        @ParameterizedTest
        @ValueSource(strings = {"client_token", "accessToken", "refreshToken", "clientSecret", "auth_token",
                "SessionToken", "SecretAccessKey"})
        void shouldMaskJsonCredentialFieldsNamedTheWayToolsNameThem(String key) {
            // vault login -format=json, OAuth token responses, aws sts assume-role
            String out = PATTERNS.redact("{\"" + key + "\": \"hvs.CAESIJ-value-0123\"}");

            assertThat(out).doesNotContain("CAESIJ").isEqualTo("{\"" + key + "\": \"" + MASK + "\"}");
        }

        @Test
        void shouldMaskAPasswordInJsonEscapedInsideAnAnnotation() {
            String annotation = "kubectl.kubernetes.io/last-applied-configuration: "
                    + "'{\\\"apiVersion\\\":\\\"v1\\\",\\\"stringData\\\":{\\\"password\\\":\\\"pa55-w0rd-x\\\"}}'";

            assertThat(PATTERNS.redact(annotation)).doesNotContain("pa55-w0rd-x").contains("apiVersion");
        }

        @Test
        void shouldLeaveTheLineAfterAYamlBlockKeyNamedSecretAlone() {
            String pod = "volumes:\n- name: tls\n  secret:\n    secretName: web-tls\n";

            assertThat(PATTERNS.redact(pod)).isEqualTo(pod);
        }
    }
}
