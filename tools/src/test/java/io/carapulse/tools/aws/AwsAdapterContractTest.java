package io.carapulse.tools.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.contract.ToolFamilyContract;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The aws family keeps the declaration contract and the behavioural one against a recording fake
 * {@code aws}; the STS part of every call runs through the SDK against the local STS stub (the
 * account's endpoint), so the fake gets real leased temporary credentials.
 */
class AwsAdapterContractTest extends ToolFamilyContract {

    static AwsStubs stubs;
    private final ProcessRunner runner = new ProcessRunner();

    @BeforeAll
    static void startAws() {
        stubs = new AwsStubs();
    }

    @AfterAll
    static void stopAws() {
        stubs.close();
    }

    static final String ASG = "{\"AutoScalingGroups\": [{\"AutoScalingGroupName\": \"web-asg\", \"DesiredCapacity\": 3,"
            + " \"MinSize\": 2, \"MaxSize\": 10, \"Instances\": []}]}";
    static final String RUNNING = instances("running");
    static final String NODEGROUP = "{\"nodegroup\": {\"nodegroupName\": \"workers-a\", \"status\": \"ACTIVE\","
            + " \"scalingConfig\": {\"minSize\": 1, \"maxSize\": 5, \"desiredSize\": 2}}}";
    static final String SERVICE = "{\"services\": [{\"serviceName\": \"web\", \"status\": \"ACTIVE\", \"desiredCount\": 3,"
            + " \"runningCount\": 3, \"pendingCount\": 0, \"deployments\": []}]}";

    static String instances(String state) {
        return "{\"Reservations\": [{\"Instances\": [{\"InstanceId\": \"i-0123456789abcdef0\", \"State\": {\"Name\": \""
                + state + "\"}, \"Tags\": [{\"Key\": \"team\", \"Value\": \"web\"}]}]}]}";
    }

    static String keys(String status) {
        return "{\"AccessKeyMetadata\": [{\"UserName\": \"ci-deployer\", \"AccessKeyId\": \"AKIAQCIDEPLOYERKEY01\","
                + " \"Status\": \"" + status + "\"}]}";
    }

    @Override
    protected ToolAdapter adapter() {
        return AwsWorld.adapter(stubs.endpoint(), null, runner);
    }

    @Override
    protected String binaryName() {
        return "aws";
    }

    @Override
    protected ToolAdapter adapterWithCli(Path binDirectory) {
        return AwsWorld.adapter(stubs.endpoint(), binDirectory, runner);
    }

    @Override
    protected String environment() {
        return AwsWorld.ENV;
    }

    @Override
    protected Optional<String> environmentWithoutInventory() {
        return Optional.of("dev");
    }

    /** An account the environment does not declare, for every action. */
    @Override
    protected Map<String, ObjectNode> outsideInventory() {
        return validArguments().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().deepCopy().put("account", "staging")));
    }

    /** A region the account does not declare, and for writes a target outside the allow-lists. */
    @Override
    protected Map<String, List<ObjectNode>> moreOutsideInventory() {
        Map<String, List<ObjectNode>> more = new LinkedHashMap<>();
        validArguments().forEach((name, args) -> more.put(name, new java.util.ArrayList<>(List.of(
                args.deepCopy().put("region", "us-east-1")))));
        more.get("asg-set-capacity").add(validArguments().get("asg-set-capacity").deepCopy().put("name", "db-asg"));
        more.get("eks-nodegroup-scale").add(validArguments().get("eks-nodegroup-scale").deepCopy().put("nodegroup", "gpu"));
        more.get("eks-nodegroup-scale").add(validArguments().get("eks-nodegroup-scale").deepCopy().put("cluster", "staging"));
        more.get("ecs-service-scale").add(validArguments().get("ecs-service-scale").deepCopy().put("service", "billing"));
        more.get("ecs-force-deploy").add(validArguments().get("ecs-force-deploy").deepCopy().put("cluster", "batch"));
        more.get("iam-access-key-deactivate").add(validArguments().get("iam-access-key-deactivate").deepCopy()
                .put("user", "root-admin"));
        more.get("iam-access-key-activate").add(validArguments().get("iam-access-key-activate").deepCopy()
                .put("user", "root-admin"));
        more.get("logs-query").add(validArguments().get("logs-query").deepCopy().put("log_group", "/aws/rds/billing"));
        return more;
    }

    @Override
    protected Set<String> leaseSecrets() {
        return Set.of(AwsStubs.LEASED_SECRET, AwsStubs.LEASED_TOKEN);
    }

    @Override
    protected FakeBinary.Builder leakLease(FakeBinary.Builder cli) {
        return cli.printVariable("AWS_SECRET_ACCESS_KEY").printVariable("AWS_SESSION_TOKEN");
    }

    /** The reads the writes make first, answered as the CLI prints them. */
    @Override
    protected FakeBinary.Builder answerReads(FakeBinary.Builder cli) {
        return cli.answer(List.of("autoscaling", "describe-auto-scaling-groups"), ASG)
                .answer(List.of("ec2", "describe-instances"), RUNNING)
                .answer(List.of("eks", "describe-nodegroup"), NODEGROUP)
                .answer(List.of("ecs", "describe-services"), SERVICE)
                .answer(List.of("iam", "list-access-keys"), keys("Active"));
    }

    @Override
    protected Map<String, String> currentState() {
        return Map.of("asg-set-capacity", ASG, "ec2-stop", RUNNING, "ec2-start", instances("stopped"),
                "eks-nodegroup-scale", NODEGROUP, "ecs-service-scale", SERVICE,
                "iam-access-key-deactivate", keys("Active"), "iam-access-key-activate", keys("Inactive"));
    }

    /** What the AWS CLI v2 prints on stderr (exit 254 for a service error, 255/253 otherwise). */
    @Override
    protected List<ExitSample> exitSamples() {
        return List.of(
                new ExitSample(254, "\nAn error occurred (AccessDenied) when calling the GetCallerIdentity operation: "
                        + "User: arn:aws:sts::123456789012:assumed-role/carapulse/x is not authorized\n", ToolFailure.FORBIDDEN),
                new ExitSample(254, "\nAn error occurred (UnauthorizedOperation) when calling the DescribeInstances "
                        + "operation: You are not authorized to perform this operation.\n", ToolFailure.FORBIDDEN),
                new ExitSample(254, "\nAn error occurred (ThrottlingException) when calling the GetCallerIdentity "
                        + "operation (reached max retries: 2): Rate exceeded\n", ToolFailure.RATE_LIMITED),
                new ExitSample(254, "\nAn error occurred (Throttling) when calling the X operation: Rate exceeded\n",
                        ToolFailure.RATE_LIMITED),
                new ExitSample(254, "\nAn error occurred (RequestLimitExceeded) when calling the DescribeInstances "
                        + "operation: Request limit exceeded.\n", ToolFailure.RATE_LIMITED),
                new ExitSample(254, "\nAn error occurred (InvalidInstanceID.NotFound) when calling the DescribeInstances "
                        + "operation: The instance ID 'i-0123456789abcdef0' does not exist\n", ToolFailure.NOT_FOUND),
                new ExitSample(254, "\nAn error occurred (NoSuchEntity) when calling the ListAccessKeys operation: "
                        + "The user with name x cannot be found.\n", ToolFailure.NOT_FOUND),
                new ExitSample(254, "\nAn error occurred (ExpiredToken) when calling the GetCallerIdentity operation: "
                        + "The security token included in the request is expired\n", ToolFailure.UNAUTHENTICATED),
                new ExitSample(255, "\nCould not connect to the endpoint URL: \"https://sts.eu-west-1.amazonaws.com/\"\n",
                        ToolFailure.UNAVAILABLE),
                new ExitSample(254, "\nAn error occurred (ValidationError) when calling the X operation: bad\n",
                        ToolFailure.INVALID_ARGUMENTS),
                new ExitSample(255, "\nsomething unexpected\n", ToolFailure.TOOL_FAILED));
    }

    @Override
    protected String probeAction() {
        return "whoami";
    }

    /** Logs Insights queries and filter patterns are free text; they travel as one {@code --flag=value}. */
    @Override
    protected Set<String> freeTextArguments() {
        return Set.of("logs-query.query", "logs-query.filter_pattern");
    }

    @Override
    protected Map<String, ObjectNode> validArguments() {
        String t = "\"account\": \"prod\", \"region\": \"eu-west-1\"";
        Map<String, ObjectNode> m = new LinkedHashMap<>();
        m.put("whoami", json("{" + t + "}"));
        m.put("resources", json("{" + t + ", \"tags\": {\"team\": \"web\"}, \"resource_types\": [\"ec2:instance\"]}"));
        m.put("cloudtrail-events", json("{" + t + ", \"resource_name\": \"web-asg\", \"minutes\": 60, \"max_results\": 20}"));
        m.put("metric-data", json("{" + t + ", \"namespace\": \"AWS/EC2\", \"metric\": \"CPUUtilization\","
                + " \"dimensions\": {\"AutoScalingGroupName\": \"web-asg\"}, \"stat\": \"Average\", \"period_seconds\": 300,"
                + " \"minutes\": 30}"));
        m.put("logs-query", json("{" + t + ", \"log_group\": \"/ecs/web\", \"query\": \"fields @timestamp, @message | "
                + "filter @message like /ERROR/\", \"minutes\": 15, \"limit\": 50}"));
        m.put("ec2-instances", json("{" + t + ", \"tags\": {\"team\": \"web\"}}"));
        m.put("asg-describe", json("{" + t + ", \"name\": \"web-asg\"}"));
        m.put("eks-cluster", json("{" + t + ", \"cluster\": \"prod\"}"));
        m.put("ecs-service", json("{" + t + ", \"cluster\": \"prod\", \"service\": \"web\"}"));
        m.put("asg-set-capacity", json("{" + t + ", \"name\": \"web-asg\", \"desired\": 5}"));
        m.put("eks-nodegroup-scale", json("{" + t + ", \"cluster\": \"prod\", \"nodegroup\": \"workers-a\", \"desired\": 3}"));
        m.put("ecs-service-scale", json("{" + t + ", \"cluster\": \"prod\", \"service\": \"web\", \"desired\": 4}"));
        m.put("ec2-stop", json("{" + t + ", \"instance_ids\": [\"i-0123456789abcdef0\"]}"));
        m.put("ec2-start", json("{" + t + ", \"instance_ids\": [\"i-0123456789abcdef0\"]}"));
        m.put("ec2-reboot", json("{" + t + ", \"instance_ids\": [\"i-0123456789abcdef0\"]}"));
        m.put("ec2-terminate", json("{" + t + ", \"instance_ids\": [\"i-0123456789abcdef0\"]}"));
        m.put("iam-access-key-deactivate", json("{" + t + ", \"user\": \"ci-deployer\", \"key_suffix\": \"KEY01\"}"));
        m.put("iam-access-key-activate", json("{" + t + ", \"user\": \"ci-deployer\", \"key_suffix\": \"KEY01\"}"));
        m.put("ecs-force-deploy", json("{" + t + ", \"cluster\": \"prod\", \"service\": \"web\"}"));
        return m;
    }

    @Test
    void shouldDeclareTheClassOfEveryAction() {
        Map<String, ActionClass> classes = adapter().actions().stream().collect(Collectors.toMap(
                a -> a.descriptor().name(), a -> a.descriptor().actionClass()));
        assertThat(classes).containsEntry("whoami", ActionClass.READ).containsEntry("metric-data", ActionClass.READ)
                .containsEntry("asg-set-capacity", ActionClass.WRITE).containsEntry("ec2-reboot", ActionClass.WRITE)
                .containsEntry("iam-access-key-activate", ActionClass.WRITE)
                .containsEntry("ec2-terminate", ActionClass.BREAK_GLASS).hasSize(19);
        assertThat(adapter().actions().stream().filter(a -> a.descriptor().reversible()).map(a -> a.descriptor().name()))
                .containsExactlyInAnyOrder("asg-set-capacity", "eks-nodegroup-scale", "ecs-service-scale", "ec2-stop",
                        "ec2-start", "iam-access-key-deactivate", "iam-access-key-activate");
    }
}
