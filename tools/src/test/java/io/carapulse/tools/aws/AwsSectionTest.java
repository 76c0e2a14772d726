package io.carapulse.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.EnvironmentCatalog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S6: the AWS accounts and allow-lists an environment declares under {@code aws}, bound from YAML. */
class AwsSectionTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    @Test
    void shouldBindTheAccountsAndAllowListsOfAnEnvironment() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    prod:
                      aws:
                        accounts:
                          - name: prod
                            account-id: "012345678901"
                            role-arn: arn:aws:iam::012345678901:role/carapulse
                            external-id: env:PROD_EXTERNAL_ID
                            regions: [eu-west-1, eu-central-1]
                            session-duration: 30m
                            endpoint-url: https://proxy.internal:8443
                        autoscaling-groups: [web-asg, batch-*]
                        ecs-clusters: [prod]
                        ecs-services: [web]
                        ec2-instance-tags: [team=web, env=prod]
                        iam-users: [ci-deployer]
                    dev: {}
                """)) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);
            AwsInventory aws = catalog.find("prod").orElseThrow().inventory().part(AwsInventory.class).orElseThrow();
            AwsAccount account = aws.account("prod").orElseThrow();
            assertThat(account.accountId()).isEqualTo("012345678901");
            assertThat(account.regions()).containsExactly("eu-west-1", "eu-central-1");
            assertThat(account.sessionDuration()).hasMinutes(30);
            assertThat(account.endpointUrl()).contains(URI.create("https://proxy.internal:8443"));
            assertThat(aws.allow().allowsAutoscalingGroup("batch-nightly")).isTrue();
            assertThat(aws.allow().allowsEcsService("prod", "web")).isTrue();
            assertThat(aws.allow().allowsEc2Instance(Map.of("team", "web", "env", "prod"))).isTrue();
            assertThat(aws.describe()).contains("AWS account prod (012345678901), regions: eu-west-1, eu-central-1",
                    "AWS writes may touch Auto Scaling groups: web-asg, batch-*",
                    "AWS writes may touch EC2 instances tagged: env=prod, team=web");
            assertThat(String.join("\n", aws.describe())).doesNotContain("PROD_EXTERNAL_ID", "external", "proxy.internal");
            assertThat(catalog.find("dev").orElseThrow().inventory().part(AwsInventory.class)).isEmpty();
        }
    }

    @Test
    void shouldRefuseToStartNamingEachBadKeyExactly() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      aws:
                        accounts:
                          - name: prod
                            account-id: "123456789012"
                            role-arn: arn:aws:iam::123456789012:role/carapulse
                            regions: [eu-west-1]
                            secret-access-key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                        autoscalling-groups: [web-asg]
                    staging:
                      aws:
                        accounts:
                          - name: staging
                            account-id: "123456789012"
                            role-arn: arn:aws:iam::210987654321:role/carapulse
                            regions: [eu-west-1]
                """).getBean(EnvironmentCatalog.class));
        assertThat(refused)
                .hasStackTraceContaining("carapulse.environments.prod.aws.autoscalling-groups: unknown key")
                .hasStackTraceContaining("carapulse.environments.prod.aws.accounts[0].secret-access-key: unknown key; "
                        + "no AWS credential belongs in the inventory")
                .hasStackTraceContaining("carapulse.environments.staging.aws.accounts[0].role-arn: the role is in "
                        + "account 210987654321, not in account-id 123456789012");
        assertThat(refused.toString() + String.valueOf(refused.getCause())).doesNotContain("wJalrXUtnFEMI");
    }
}
