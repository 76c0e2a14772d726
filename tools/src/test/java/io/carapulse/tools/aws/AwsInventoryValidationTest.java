package io.carapulse.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.config.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The aws section binds from raw maps, key by key, and names every mistake by its exact key. */
class AwsInventoryValidationTest {

    private static final String KEY = "carapulse.environments.prod.aws";
    private static final String ACCOUNT = KEY + ".accounts[0]";
    private static final String PASTED_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final List<String> problems = new ArrayList<>();

    private static Map<String, Object> account() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", "prod");
        a.put("account-id", "123456789012");
        a.put("role-arn", "arn:aws:iam::123456789012:role/ops/carapulse");
        a.put("regions", List.of("eu-west-1", "eu-central-1"));
        return a;
    }

    private static Map<String, Object> section(Map<String, Object> account) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("accounts", List.of(account));
        return s;
    }

    private Optional<AwsInventory> validate(Map<String, Object> raw) {
        return AwsInventoryValidation.validate(KEY, raw, problems);
    }

    /** Validates one account changed by {@code change} and returns the problems. */
    private List<String> problemsOfAccount(Consumer<Map<String, Object>> change) {
        Map<String, Object> a = account();
        change.accept(a);
        assertThat(validate(section(a))).isEmpty();
        return problems;
    }

    @Test
    void shouldBindAFullSection() {
        Map<String, Object> a = account();
        a.put("external-id", "env:PROD_EXTERNAL_ID");
        a.put("session-duration", "45m");
        a.put("endpoint-url", "https://aws-proxy.internal:8443");
        Map<String, Object> raw = section(a);
        raw.put("autoscaling-groups", List.of("web-asg", "batch-*"));
        raw.put("eks-clusters", List.of("prod"));
        raw.put("eks-nodegroups", List.of("workers-*"));
        raw.put("ecs-clusters", List.of("prod"));
        raw.put("ecs-services", List.of("web", "api"));
        raw.put("ec2-instance-tags", List.of("team=web", "team=api", "env=prod"));
        raw.put("iam-users", List.of("ci-deployer"));
        raw.put("log-group-prefixes", "/aws/eks/prod/, /ecs/web");

        AwsInventory inventory = validate(raw).orElseThrow();

        assertThat(problems).isEmpty();
        AwsAccount prod = inventory.account("prod").orElseThrow();
        assertThat(prod).isEqualTo(new AwsAccount("prod", "123456789012", "arn:aws:iam::123456789012:role/ops/carapulse",
                Optional.of(new SecretRef("env", "PROD_EXTERNAL_ID")), List.of("eu-west-1", "eu-central-1"),
                Duration.ofMinutes(45), Optional.of(URI.create("https://aws-proxy.internal:8443"))));
        assertThat(prod.partition()).isEqualTo("aws");
        assertThat(prod.allowsRegion("eu-central-1")).isTrue();
        assertThat(prod.allowsRegion("us-east-1")).isFalse();
        AwsAllowList allow = inventory.allow();
        assertThat(allow.allowsAutoscalingGroup("batch-nightly")).isTrue();
        assertThat(allow.allowsAutoscalingGroup("web-asg")).isTrue();
        assertThat(allow.allowsAutoscalingGroup("web-asg-2")).isFalse();
        assertThat(allow.allowsEksNodegroup("prod", "workers-a1")).isTrue();
        assertThat(allow.allowsEksNodegroup("staging", "workers-a1")).isFalse();
        assertThat(allow.allowsEcsService("prod", "api")).isTrue();
        assertThat(allow.allowsEcsService("prod", "worker")).isFalse();
        assertThat(allow.ec2InstanceTags()).isEqualTo(Map.of("team", Set.of("web", "api"), "env", Set.of("prod")));
        assertThat(allow.allowsEc2Instance(Map.of("team", "api", "env", "prod", "Name", "x"))).isTrue();
        assertThat(allow.allowsEc2Instance(Map.of("team", "api"))).isFalse();
        assertThat(allow.allowsEc2Instance(Map.of("team", "db", "env", "prod"))).isFalse();
        assertThat(allow.allowsIamUser("ci-deployer")).isTrue();
        assertThat(allow.allowsLogGroup("/ecs/web-frontend")).isTrue();
        assertThat(allow.allowsLogGroup("/ecs/api")).isFalse();
    }

    @Test
    void shouldDefaultTheSessionDurationToOneHourAndAllowNothingWhenNoListIsGiven() {
        AwsInventory inventory = validate(section(account())).orElseThrow();

        assertThat(inventory.accounts().get(0).sessionDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(inventory.accounts().get(0).externalId()).isEmpty();
        assertThat(inventory.allow()).isEqualTo(AwsAllowList.NONE);
        assertThat(inventory.allow().allowsEc2Instance(Map.of("team", "web"))).isFalse();
    }

    @Test
    void shouldTreatAnAbsentSectionAsNoInventoryWithoutProblems() {
        assertThat(validate(null)).isEmpty();
        assertThat(validate(Map.of())).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldRefuseUnknownKeysListingTheKnownOnes() {
        assertThat(problemsOfAccount(a -> a.put("rolearn", "x"))).containsExactly(ACCOUNT
                + ".rolearn: unknown key (known: [account-id, endpoint-url, external-id, name, regions, role-arn, "
                + "session-duration])");
        problems.clear();

        Map<String, Object> raw = section(account());
        raw.put("autoscaling-group", List.of("web"));
        assertThat(validate(raw)).isEmpty();
        assertThat(problems).singleElement().asString().startsWith(KEY + ".autoscaling-group: unknown key (known: [accounts, ");
    }

    @Test
    void shouldExplainThatCredentialsDoNotBelongInTheInventoryWithoutEchoingThem() {
        List<String> found = problemsOfAccount(a -> a.put("secret-access-key", PASTED_SECRET));

        assertThat(found).singleElement().asString()
                .startsWith(ACCOUNT + ".secret-access-key: unknown key; no AWS credential belongs in the inventory")
                .doesNotContain(PASTED_SECRET);
    }

    @Test
    void shouldNameAPastedExternalIdByItsLengthOnly() {
        List<String> found = problemsOfAccount(a -> a.put("external-id", PASTED_SECRET));

        assertThat(found).singleElement().asString()
                .startsWith(ACCOUNT + ".external-id: the value (40 characters, not shown) is not a secret reference")
                .doesNotContain(PASTED_SECRET);
    }

    @Test
    void shouldNeverEchoASecretPastedIntoAnotherField() {
        List<String> found = problemsOfAccount(a -> {
            a.put("role-arn", PASTED_SECRET);
            a.put("name", "AKIAIOSFODNN7EXAMPLE");
        });

        assertThat(found).containsExactlyInAnyOrder(
                ACCOUNT + ".name: the value (20 characters, not shown) is not a valid name (lower-case letters, "
                        + "digits, '-'; at most 63)",
                ACCOUNT + ".role-arn: the value (40 characters, not shown) is not an IAM role ARN, e.g. "
                        + "arn:aws:iam::123456789012:role/carapulse");
    }

    @Test
    void shouldRequireANameAnAccountIdARoleAndRegions() {
        Map<String, Object> empty = new LinkedHashMap<>();
        assertThat(validate(section(empty))).isEmpty();

        assertThat(problems).containsExactly(
                ACCOUNT + ".name: an account needs a name, used by steps, e.g. prod",
                ACCOUNT + ".account-id: an account needs its 12-digit account id, e.g. \"123456789012\"",
                ACCOUNT + ".role-arn: an account needs the role the server assumes in it, e.g. "
                        + "arn:aws:iam::123456789012:role/carapulse",
                ACCOUNT + ".regions: an account needs the regions steps may act in, e.g. [eu-west-1]");
    }

    @Test
    void shouldRequireAtLeastOneAccount() {
        assertThat(validate(Map.of("eks-clusters", List.of("prod")))).isEmpty();
        assertThat(problems).singleElement().asString()
                .startsWith(KEY + ".accounts: the aws section needs at least one account, e.g. ");
        problems.clear();

        assertThat(validate(Map.of("accounts", List.of()))).isEmpty();
        assertThat(problems).containsExactly(KEY + ".accounts: lists no account; declare at least one");
    }

    @Test
    void shouldRefuseAnAccountIdOfTheWrongShapeAndSuggestQuotesForANumberThatLostItsZeros() {
        assertThat(problemsOfAccount(a -> a.put("account-id", 12345678901L))).containsExactly(
                ACCOUNT + ".account-id: '12345678901' is not a 12-digit account id; write it in quotes (\"0…\") so its "
                        + "leading zeros are kept");
        problems.clear();

        assertThat(validate(section(withAccountId(123456789012L)))).isPresent();
        assertThat(problems).isEmpty();
    }

    private static Map<String, Object> withAccountId(Object id) {
        Map<String, Object> a = account();
        a.put("account-id", id);
        return a;
    }

    @Test
    void shouldRefuseARoleArnOfAnotherAccountOrNotARole() {
        assertThat(problemsOfAccount(a -> a.put("role-arn", "arn:aws:iam::999999999999:role/carapulse")))
                .containsExactly(ACCOUNT + ".role-arn: the role is in account 999999999999, not in account-id 123456789012");
        problems.clear();
        assertThat(problemsOfAccount(a -> a.put("role-arn", "arn:aws:iam::123456789012:user/carapulse")))
                .containsExactly(ACCOUNT + ".role-arn: 'arn:aws:iam::123456789012:user/carapulse' is not an IAM role "
                        + "ARN, e.g. arn:aws:iam::123456789012:role/carapulse");
    }

    @Test
    void shouldCheckEveryRegionAndItsPartition() {
        assertThat(problemsOfAccount(a -> a.put("regions", List.of("eu-west-1", "eu-west", "eu-west-1", "cn-north-1"))))
                .containsExactly(
                        ACCOUNT + ".regions[1]: 'eu-west' is not an AWS region name, e.g. eu-west-1",
                        ACCOUNT + ".regions[2]: the region 'eu-west-1' is listed twice",
                        ACCOUNT + ".regions[3]: the region 'cn-north-1' is in partition aws-cn, the role-arn in aws");
        problems.clear();
        assertThat(problemsOfAccount(a -> a.put("regions", List.of()))).containsExactly(
                ACCOUNT + ".regions: lists no region; declare at least one, e.g. [eu-west-1]");
        problems.clear();

        Map<String, Object> gov = account();
        gov.put("role-arn", "arn:aws-us-gov:iam::123456789012:role/carapulse");
        gov.put("regions", "us-gov-west-1");
        assertThat(validate(section(gov)).orElseThrow().accounts().get(0).regions()).containsExactly("us-gov-west-1");
    }

    @Test
    void shouldKeepTheSessionDurationWithinWhatStsGrants() {
        for (Object ok : List.of("15m", "12h", "3600", 3600, "900s", "PT2H")) {
            problems.clear();
            Map<String, Object> a = account();
            a.put("session-duration", ok);
            assertThat(validate(section(a))).as(String.valueOf(ok)).isPresent();
        }
        problems.clear();
        assertThat(problemsOfAccount(a -> a.put("session-duration", "10m"))).containsExactly(ACCOUNT
                + ".session-duration: '10m' is outside what STS grants: whole seconds from 15m (900 s) to 12h (43200 s)");
        problems.clear();
        assertThat(problemsOfAccount(a -> a.put("session-duration", "13h"))).hasSize(1);
        problems.clear();
        assertThat(problemsOfAccount(a -> a.put("session-duration", "an hour"))).containsExactly(ACCOUNT
                + ".session-duration: 'an hour' is not a duration, e.g. 1h, 45m or 3600s");
    }

    @Test
    void shouldAcceptPlainHttpEndpointsOnlyOnTheLoopbackInterface() {
        Map<String, Object> local = account();
        local.put("endpoint-url", "http://127.0.0.1:4566");
        assertThat(validate(section(local))).isPresent();

        assertThat(problemsOfAccount(a -> a.put("endpoint-url", "http://aws-proxy.internal"))).containsExactly(ACCOUNT
                + ".endpoint-url: the session token would travel in clear text over http://; use https:// "
                + "(http:// is accepted for localhost only)");
        problems.clear();
        assertThat(problemsOfAccount(a -> a.put("endpoint-url", "https://u:p@proxy.internal")))
                .containsExactly(ACCOUNT + ".endpoint-url: must not carry credentials");
        problems.clear();
        assertThat(problemsOfAccount(a -> a.put("endpoint-url", "ftp://proxy.internal")))
                .containsExactly(ACCOUNT + ".endpoint-url: must be an https:// URL, e.g. https://proxy.internal:8443");
    }

    @Test
    void shouldRefuseTwoAccountsOfTheSameName() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("accounts", List.of(account(), account()));

        assertThat(validate(raw)).isEmpty();
        assertThat(problems).containsExactly(KEY + ".accounts[1].name: the account name 'prod' is declared twice");
    }

    @Test
    void shouldNameTheShapeMistakesOfRawValues() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("accounts", List.of("prod", account()));
        raw.put("iam-users", Map.of("a", "b"));
        raw.put("eks-clusters", List.of(List.of("prod")));

        assertThat(validate(raw)).isEmpty();
        assertThat(problems).containsExactly(
                KEY + ".accounts[0]: must be a map of [account-id, endpoint-url, external-id, name, regions, role-arn, "
                        + "session-duration]",
                KEY + ".eks-clusters[0]: must be a single value",
                KEY + ".iam-users: must be a list");
    }

    @Test
    void shouldNameEveryBadAllowListEntryByItsIndex() {
        Map<String, Object> raw = section(account());
        raw.put("autoscaling-groups", List.of("web", "*", "we*b", "a:b"));
        raw.put("eks-nodegroups", List.of("-workers"));
        raw.put("ecs-services", List.of("web api"));
        raw.put("ec2-instance-tags", List.of("team=web", "team", "=web", "team=web*", "env="));
        raw.put("iam-users", List.of("a/b"));
        raw.put("log-group-prefixes", List.of("/ecs/web app"));

        assertThat(validate(raw)).isEmpty();
        assertThat(problems).containsExactly(
                KEY + ".autoscaling-groups[1]: '*' alone would allow every one; list names or prefixes such as web-*",
                KEY + ".autoscaling-groups[2]: 'we*b' is not an Auto Scaling group name or prefix* (no ':', no spaces)",
                KEY + ".autoscaling-groups[3]: 'a:b' is not an Auto Scaling group name or prefix* (no ':', no spaces)",
                KEY + ".eks-nodegroups[0]: '-workers' is not a node group name or prefix* (letters, digits, '-', '_'; "
                        + "at most 63)",
                KEY + ".ecs-services[0]: 'web api' is not an ECS service name or prefix* (letters, digits, '-', '_')",
                KEY + ".ec2-instance-tags[1]: 'team' is not a tag filter key=value, e.g. team=web",
                KEY + ".ec2-instance-tags[2]: '=web' is not a tag filter key=value, e.g. team=web",
                KEY + ".ec2-instance-tags[3]: 'team=web*' must match literally: no '*' or '?' wildcards, no control "
                        + "characters",
                KEY + ".ec2-instance-tags[4]: 'env=' is not a tag filter key=value, e.g. team=web",
                KEY + ".iam-users[0]: 'a/b' is not an IAM user name (letters, digits, '+=,.@_-'; at most 64)",
                KEY + ".log-group-prefixes[0]: '/ecs/web app' is not a log group name prefix (letters, digits, '.-_/#')");
    }
}
