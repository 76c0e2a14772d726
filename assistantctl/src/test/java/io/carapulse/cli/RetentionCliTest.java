package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import io.carapulse.core.retention.RetentionService;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code evidence show} of a step whose output retention removed says so, and keeps the hash. */
class RetentionCliTest {

    @Test
    void evidenceShowSaysTheOutputWasRemovedByRetention() throws Exception {
        try (TestServer own = TestServer.dedicated(Map.of("carapulse.retention.step-output", "1h"))) {
            Ctl admin = Ctl.localTo(own);
            Ctl.Result created = admin.run("plan", "create", "--env", "dev", "--step", "fake.get", "name=web", "-o", "json");
            assertThat(created.code()).as(created.toString()).isZero();
            String plan = created.json().get("id").asText();
            assertThat(admin.run("plan", "execute", plan, "--follow").code()).isZero();
            String execution = admin.run("plan", "show", plan, "-o", "json").json().get("executionId").asText();
            String evidence = admin.run("evidence", "list", execution, "-o", "json").json().get(0).get("id").asText();
            String sha = admin.run("evidence", "show", evidence, "-o", "json").json().get("outputSha256").asText();
            try (var c = DriverManager.getConnection(own.jdbcUrl(), "sa", ""); var st = c.createStatement()) {
                st.executeUpdate("UPDATE evidence SET ended_at = DATEADD('DAY', -2, ended_at)");
                st.executeUpdate("UPDATE execution SET ended_at = DATEADD('DAY', -2, ended_at)");
            }
            own.context().getBean(RetentionService.class).pruneAll(() -> false);

            Ctl.Result shown = admin.run("evidence", "show", evidence);

            assertThat(shown.code()).as(shown.toString()).isZero();
            assertThat(shown.out()).contains(sha).containsPattern("Excerpt: +removed by retention at 20");
        }
    }
}
