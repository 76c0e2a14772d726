package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A follow-up that finds its event after the step shows in {@code evidence show}, pending first, then found. */
class EvidenceFollowUpCliTest {

    private static TestServer server;
    private static Ctl admin;

    @BeforeAll
    static void start() {
        server = TestServer.dedicated(Map.of("carapulse.evidence.follow-up.first-delay", "50ms",
                "carapulse.evidence.follow-up.max-delay", "100ms"));
        admin = Ctl.localTo(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void evidenceShowTellsWhatAFollowUpFoundAfterTheStep() throws Exception {
        Ctl.Result created = admin.run("plan", "create", "--env", "prod", "--summary", "echo with a follow-up",
                "--step", "fake.echo", "text=deployed", "followUpAfter=2", "-o", "json");
        assertThat(created.code()).as(created.toString()).isZero();
        String plan = created.json().get("id").asText();
        Ctl.Result run = admin.run("plan", "execute", plan, "--follow");
        assertThat(run.code()).as(run.toString()).isZero();
        String execution = admin.run("plan", "show", plan, "-o", "json").json().get("executionId").asText();
        String evidence = admin.run("evidence", "list", execution, "-o", "json").json().get(0).get("id").asText();

        String shown = "";
        for (int i = 0; i < 300 && !shown.contains("found after"); i++) {
            shown = admin.run("evidence", "show", evidence).out();
            Thread.sleep(100);
        }
        assertThat(shown).containsPattern("Follow-up: +fake\\.lookup: found after 3 attempts \\{fake\\.event=evt-[0-9a-f]+\\}"
                + " — found evt-[0-9a-f]+ for 'deployed'");
        // the id of the request that started the execution (the CLI sends none: the server made one)
        assertThat(shown).containsPattern("Correlation: +[0-9a-f]{32}\n");
        JsonNode json = admin.run("evidence", "show", evidence, "-o", "json").json();
        assertThat(json.at("/followUps/0/status").asText()).isEqualTo("found");
        assertThat(json.at("/followUps/0/externalIds/fake.event").asText()).startsWith("evt-");
    }
}
