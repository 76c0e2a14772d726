package io.carapulse.tools.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local AWS for tests: one WireMock answering STS, EC2, Auto Scaling, CloudWatch, IAM (query and
 * EC2 protocols, XML), CloudTrail, CloudWatch Logs, ECS, Resource Groups Tagging (JSON 1.1 by
 * {@code X-Amz-Target}) and EKS (REST-JSON), in the wire protocol and shapes of the real APIs (after
 * botocore's service models), so the real {@code aws} CLI and the real AWS SDK both parse the answers.
 * Every stub also requires a SigV4 {@code Authorization} header scoped to the right signing name, so
 * a request signed for the wrong service is not answered. Bodies live in {@code src/test/resources/aws}.
 */
public final class AwsStubs implements AutoCloseable {

    /** The temporary credentials the STS stub hands out (canaries: must never appear in captured output). */
    public static final String LEASED_KEY_ID = "ASIAQCARAPULSELEASE1";
    public static final String LEASED_SECRET = "canaryLeaseSecret/7f3a9c1e2d4b5a6f+Z0q9w8e7r";
    public static final String LEASED_TOKEN =
            "IQoJb3JpZ2luX2VjEOz//////////canaryLeaseSessionToken7f3a9c1e2d4b5a6f0123456789abcdefSESSION";
    /** The server's own long-lived key: only STS may ever see it. */
    public static final String SERVER_KEY_ID = "AKIAQCARAPULSESERVER";
    public static final String SERVER_SECRET = "serverOwnSecret/never+in+a+child+0123456789";

    /** The services answered in the query protocol (and EC2's variant), with their XML namespace. */
    public enum Query {
        STS("sts", "https://sts.amazonaws.com/doc/2011-06-15/"),
        IAM("iam", "https://iam.amazonaws.com/doc/2010-05-08/"),
        AUTOSCALING("autoscaling", "http://autoscaling.amazonaws.com/doc/2011-01-01/"),
        CLOUDWATCH("monitoring", "http://monitoring.amazonaws.com/doc/2010-08-01/"),
        EC2("ec2", "http://ec2.amazonaws.com/doc/2016-11-15/");

        final String signingName;
        final String namespace;

        Query(String signingName, String namespace) {
            this.signingName = signingName;
            this.namespace = namespace;
        }
    }

    /** The services answered in JSON 1.1, with their {@code X-Amz-Target} prefix. */
    public enum Json {
        CLOUDTRAIL("cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"),
        LOGS("logs", "Logs_20140328"),
        ECS("ecs", "AmazonEC2ContainerServiceV20141113"),
        TAGGING("tagging", "ResourceGroupsTaggingAPI_20170126");

        final String signingName;
        final String targetPrefix;

        Json(String signingName, String targetPrefix) {
            this.signingName = signingName;
            this.targetPrefix = targetPrefix;
        }

        public String target(String operation) {
            return targetPrefix + "." + operation;
        }
    }

    private static final String XML = "text/xml";
    private static final String AMZ_JSON = "application/x-amz-json-1.1";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    public AwsStubs() {
        server.start();
        stubAll();
    }

    /** The endpoint to hand to {@code --endpoint-url} and {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public WireMockServer server() {
        return server;
    }

    /** Forgets recorded requests and extra stubs; the default answers stay. */
    public void reset() {
        server.resetAll();
        stubAll();
    }

    private void stubAll() {
        query(Query.STS, "AssumeRole", "sts/AssumeRole.xml");
        query(Query.STS, "GetCallerIdentity", "sts/GetCallerIdentity.xml");
        for (String op : List.of("DescribeInstances", "StopInstances", "StartInstances", "RebootInstances",
                "TerminateInstances")) {
            query(Query.EC2, op, "ec2/" + op + ".xml");
        }
        query(Query.AUTOSCALING, "DescribeAutoScalingGroups", "autoscaling/DescribeAutoScalingGroups.xml");
        query(Query.AUTOSCALING, "SetDesiredCapacity", "autoscaling/SetDesiredCapacity.xml");
        query(Query.AUTOSCALING, "UpdateAutoScalingGroup", "autoscaling/UpdateAutoScalingGroup.xml");
        query(Query.CLOUDWATCH, "GetMetricData", "cloudwatch/GetMetricData.xml");
        query(Query.IAM, "ListAccessKeys", "iam/ListAccessKeys.xml");
        query(Query.IAM, "UpdateAccessKey", "iam/UpdateAccessKey.xml");
        json(Json.CLOUDTRAIL, "LookupEvents", "cloudtrail/LookupEvents.json");
        json(Json.LOGS, "StartQuery", "logs/StartQuery.json");
        json(Json.LOGS, "GetQueryResults", "logs/GetQueryResults.json");
        json(Json.LOGS, "FilterLogEvents", "logs/FilterLogEvents.json");
        json(Json.ECS, "DescribeServices", "ecs/DescribeServices.json");
        json(Json.ECS, "UpdateService", "ecs/UpdateService.json");
        json(Json.TAGGING, "GetResources", "tagging/GetResources.json");
        server.stubFor(signed(get(urlPathMatching("/clusters/[^/]+")), "eks")
                .willReturn(restJson(200, "eks/DescribeCluster.json")));
        server.stubFor(signed(get(urlPathMatching("/clusters/[^/]+/node-groups")), "eks")
                .willReturn(restJson(200, "eks/ListNodegroups.json")));
        server.stubFor(signed(get(urlPathMatching("/clusters/[^/]+/node-groups/[^/]+")), "eks")
                .willReturn(restJson(200, "eks/DescribeNodegroup.json")));
        server.stubFor(signed(post(urlPathMatching("/clusters/[^/]+/node-groups/[^/]+/update-config")), "eks")
                .willReturn(restJson(200, "eks/UpdateNodegroupConfig.json")));
    }

    private void query(Query service, String action, String body) {
        server.stubFor(queryRequest(service, action).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", XML).withHeader("x-amzn-RequestId", "stub-" + action)
                .withBody(resource(body))));
    }

    private void json(Json service, String operation, String body) {
        server.stubFor(jsonRequest(service, operation).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", AMZ_JSON).withHeader("x-amzn-RequestId", "stub-" + operation)
                .withBody(resource(body))));
    }

    /**
     * {@code action} of {@code service} answers {@code AccessDenied} as AWS does: HTTP 403 with the query
     * protocol's {@code ErrorResponse} (EC2: {@code UnauthorizedOperation} in its own {@code Response}).
     */
    public void denyQuery(Query service, String action, String permission, String resource) {
        String file = service == Query.EC2 ? "errors/ec2-UnauthorizedOperation.xml" : "errors/query-AccessDenied.xml";
        server.stubFor(queryRequest(service, action).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", XML)
                .withBody(fill(file, service.namespace, permission, resource))));
    }

    /**
     * Makes the group stateful, as a real one is: {@code DescribeAutoScalingGroups} answers the stub's
     * capacity (3, 2..10) until {@code writeAction} ({@code SetDesiredCapacity}, {@code
     * UpdateAutoScalingGroup}) is called, and this capacity from then on, in the query protocol's XML.
     */
    public void asgAfterWrite(String writeAction, int desired, int min, int max) {
        String scenario = "asg-" + writeAction;
        String body = resource("autoscaling/DescribeAutoScalingGroups.xml")
                .replaceFirst("<DesiredCapacity>[0-9]+<", "<DesiredCapacity>" + desired + "<")
                .replaceFirst("<MinSize>[0-9]+<", "<MinSize>" + min + "<")
                .replaceFirst("<MaxSize>[0-9]+<", "<MaxSize>" + max + "<");
        server.stubFor(queryRequest(Query.AUTOSCALING, writeAction).atPriority(2).inScenario(scenario)
                .willSetStateTo("written").willReturn(aResponse().withStatus(200).withHeader("Content-Type", XML)
                        .withHeader("x-amzn-RequestId", "stub-" + writeAction)
                        .withBody(resource("autoscaling/" + writeAction + ".xml"))));
        server.stubFor(queryRequest(Query.AUTOSCALING, "DescribeAutoScalingGroups").atPriority(2).inScenario(scenario)
                .whenScenarioStateIs("written").willReturn(aResponse().withStatus(200).withHeader("Content-Type", XML)
                        .withHeader("x-amzn-RequestId", "stub-DescribeAutoScalingGroups").withBody(body)));
    }

    /** {@code action} answers the query protocol's {@code Throttling} (HTTP 400), every time. */
    public void throttleQuery(Query service, String action) {
        server.stubFor(queryRequest(service, action).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", XML).withBody(fill("errors/query-Throttling.xml", service.namespace, "", ""))));
    }

    /** {@code operation} answers JSON 1.1's {@code AccessDeniedException} (HTTP 400). */
    public void denyJson(Json service, String operation, String permission, String resource) {
        server.stubFor(jsonRequest(service, operation).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", AMZ_JSON)
                .withBody(fill("errors/json-AccessDeniedException.json", "", permission, resource))));
    }

    /** {@code operation} answers JSON 1.1's {@code ThrottlingException} (HTTP 400), every time. */
    public void throttleJson(Json service, String operation) {
        server.stubFor(jsonRequest(service, operation).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", AMZ_JSON).withBody(resource("errors/json-ThrottlingException.json"))));
    }

    /** EKS (REST-JSON) answers {@code AccessDeniedException}: HTTP 403, the type in {@code x-amzn-ErrorType}. */
    public void denyEks(String pathRegex, String permission, String resource) {
        server.stubFor(signed(get(urlPathMatching(pathRegex)), "eks").atPriority(1).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/")
                .withBody(fill("errors/rest-json-AccessDeniedException.json", "", permission, resource))));
    }

    /** The requests made to {@code action} of a query-protocol service, oldest first. */
    public List<LoggedRequest> queryRequests(String action) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(matching("(?s)(.*&)?Action=" + action + "(&.*)?")));
    }

    /** The requests made to {@code operation} of a JSON 1.1 service, oldest first. */
    public List<LoggedRequest> jsonRequests(Json service, String operation) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(service.target(operation))));
    }

    /** Every request WireMock received, oldest first. */
    public List<LoggedRequest> allRequests() {
        return server.getAllServeEvents().stream().map(e -> e.getRequest()).map(LoggedRequest.class::cast)
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** The parameters of a query-protocol request body, decoded, in order. */
    public static Map<String, String> form(LoggedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** The access key id a request was signed with (SigV4 {@code Credential=<key id>/<scope>}). */
    public static String signingKeyId(LoggedRequest request) {
        String auth = request.getHeader("Authorization");
        int start = auth.indexOf("Credential=") + "Credential=".length();
        return auth.substring(start, auth.indexOf('/', start));
    }

    private static MappingBuilder queryRequest(Query service, String action) {
        return signed(post(urlPathEqualTo("/")), service.signingName)
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(matching("(?s)(.*&)?Action=" + action + "(&.*)?"));
    }

    static MappingBuilder jsonRequest(Json service, String operation) {
        return signed(post(urlPathEqualTo("/")), service.signingName)
                .withHeader("X-Amz-Target", equalTo(service.target(operation)))
                .withHeader("Content-Type", containing(AMZ_JSON));
    }

    /** Only a SigV4 request scoped to {@code signingName} matches. */
    private static MappingBuilder signed(MappingBuilder request, String signingName) {
        return request.withHeader("Authorization",
                matching("AWS4-HMAC-SHA256 Credential=[A-Z0-9]{20}/[0-9]{8}/[a-z0-9-]+/" + signingName
                        + "/aws4_request, ?SignedHeaders=.*, ?Signature=[0-9a-f]{64}"));
    }

    private static ResponseDefinitionBuilder restJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "stub-eks").withBody(resource(body));
    }

    private static String fill(String file, String namespace, String permission, String resource) {
        return resource(file).replace("{{namespace}}", namespace).replace("{{permission}}", permission)
                .replace("{{resource}}", resource);
    }

    static String resource(String name) {
        try (InputStream in = AwsStubs.class.getResourceAsStream("/aws/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource aws/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
