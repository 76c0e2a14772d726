package io.carapulse.core.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What approval channel tests run against: a stateful Linear and a PagerDuty on WireMock (127.0.0.1),
 * canary secrets in files, and the server configuration that routes dev to local, staging to Linear,
 * qa to local and Linear with an on-call schedule, prod to Linear with an on-call escalation policy and
 * pages for break-glass.
 */
final class ChannelWorld implements AutoCloseable {

    static final String LINEAR_KEY = "lin_api_CANARYlinearKey0123456789abcdefghijklmn";
    static final String WEBHOOK_SECRET = "lin_wh_CANARYwebhookSecret0123456789abcdefghij";
    static final String ROUTING_KEY = "R0UTINGCANARY0123456789abcdefab";
    static final String PROD_ROUTING_KEY = "PR0DR0UTINGCANARY0123456789abc";
    static final String PD_TOKEN = "pdCANARYtoken_y_NbAkKc66ryYTWUXY";
    static final String BOB = "11111111-0000-4000-8000-00000000b0b1";
    static final String CAROL = "22222222-0000-4000-8000-0000000ca401";
    static final String ADA = "33333333-0000-4000-8000-000000000ada";
    static final String MALLORY = "44444444-0000-4000-8000-0000000ba0d1";
    static final String OLIVER = "55555555-0000-4000-8000-0000000011e4";

    final Path dir;
    final WireMockServer linearServer;
    final WireMockServer pdServer;
    final LinearFake linear = new LinearFake(LINEAR_KEY);
    final PagerDutyFake pd;

    ChannelWorld() {
        try {
            dir = Files.createTempDirectory("carapulse-channels");
            write("linear-key", LINEAR_KEY);
            write("linear-webhook-secret", WEBHOOK_SECRET + "\n");
            write("pd-routing-key", ROUTING_KEY);
            write("pd-prod-routing-key", PROD_ROUTING_KEY);
            write("pd-token", PD_TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        linearServer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(linear));
        linearServer.start();
        linearServer.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse()));
        pdServer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        pdServer.start();
        pd = new PagerDutyFake(pdServer, PD_TOKEN);
        reset();
    }

    void reset() {
        linear.reset();
        linear.addUser(BOB, "Bob", "bob@example.com");
        linear.addUser(CAROL, "Carol", "Carol@Example.com");
        linear.addUser(ADA, "Ada", "ada@example.com");
        linear.addUser(MALLORY, "Mallory", "mallory@example.com");
        linear.addUser(OLIVER, "Oliver", "oliver@example.com");
        pd.reset();
        pd.onCall("escalation_policy_ids", "PESC42", "bob@example.com", "ada@example.com");
        pd.onCall("schedule_ids", "PSCHED1", "bob@example.com");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    String file(String name) {
        return "file:" + dir.resolve(name);
    }

    /** The server configuration of these tests. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("carapulse.testkit.fake-tools", "true");
        p.put("carapulse.approvals.public-url", "https://carapulse.example.com");
        // the tests make the channel calls themselves (ChannelDispatcher.runDue); the scheduler's pass is rare
        p.put("carapulse.approvals.dispatch-interval", "1h");
        p.put("carapulse.approvals.poll-interval", "1h");
        p.put("carapulse.approvals.identities.bob@example.com", "approver");
        p.put("carapulse.approvals.identities.carol@example.com", "approver");
        p.put("carapulse.approvals.identities.ada@example.com", "admin");
        p.put("carapulse.approvals.identities.oliver@example.com", "operator,approver");
        p.put("carapulse.approvals.linear.api-url", "http://127.0.0.1:" + linearServer.port() + "/graphql");
        p.put("carapulse.approvals.linear.api-key", file("linear-key"));
        p.put("carapulse.approvals.linear.webhook-secret", file("linear-webhook-secret"));
        p.put("carapulse.approvals.linear.team-id", LinearFake.TEAM);
        p.put("carapulse.approvals.linear.webhook-tolerance", "60s");
        p.put("carapulse.approvals.pagerduty.events-url", "http://127.0.0.1:" + pdServer.port() + "/v2/enqueue");
        p.put("carapulse.approvals.pagerduty.api-url", "http://127.0.0.1:" + pdServer.port());
        p.put("carapulse.approvals.pagerduty.routing-key", file("pd-routing-key"));
        p.put("carapulse.approvals.pagerduty.api-token", file("pd-token"));
        p.put("carapulse.environments.staging.approvals", "linear");
        p.put("carapulse.environments.qa.approvals", "local,linear");
        p.put("carapulse.environments.qa.approval-ttl", "1h");
        p.put("carapulse.environments.qa.pagerduty.on-call-schedule", "PSCHED1");
        p.put("carapulse.environments.prod.approvals", "linear,pagerduty");
        p.put("carapulse.environments.prod.pagerduty.on-call-escalation-policy", "PESC42");
        p.put("carapulse.environments.prod.pagerduty.page", "break-glass");
        p.put("carapulse.environments.prod.pagerduty.severity", "critical");
        p.put("carapulse.environments.prod.pagerduty.routing-key", file("pd-prod-routing-key"));
        return p;
    }

    /** Linear's {@code Linear-Signature} for {@code body}: hex HMAC-SHA256 with the webhook secret. */
    static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        linearServer.stop();
        pdServer.stop();
    }
}
