package io.carapulse.tools.gitlab;

import static io.carapulse.tools.gitlab.GitlabShapes.PROJECT;
import static io.carapulse.tools.gitlab.GitlabShapes.VALUES;
import static io.carapulse.tools.gitlab.GitlabShapes.VALUES_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.transport.TransportSelector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code token: none} (the seeds' {@code none} auth mode): a gitlab section that reads GitLab anonymously. Its reads
 * go over the REST API without a {@code PRIVATE-TOKEN} (or any {@code Authorization}) header, even where {@code glab}
 * is installed (glab needs a login); its writes are refused when the plan is made; it reads nothing from the broker.
 */
class GitlabAnonymousTest {

    @TempDir Path dir;
    GitlabHarness gitlab;

    @AfterEach
    void close() {
        if (gitlab != null) {
            gitlab.close();
        }
    }

    private GitlabAdapter anonymous() throws IOException {
        Path glab = dir.resolve("glab");
        Files.writeString(glab, "#!/bin/sh\ntouch \"$(dirname \"$0\")/glab-was-run\"\nexit 1\n");
        Files.setPosixFilePermissions(glab, PosixFilePermissions.fromString("rwx------"));
        TransportSelector selector = new TransportSelector(new BinaryLocator(dir.toString(), Clock.systemUTC()),
                List.of(ToolSettings.defaults(GitlabRuntime.TOOL)));
        return new GitlabAdapter(new GitlabRuntime(GitlabWorld.catalog(gitlab.stubs.apiUrl(), 1024, "none"), selector,
                new CliInvoker(new ProcessRunner()), k -> null, GitlabWorld.PUBLIC_URL));
    }

    @Test
    void aReadShouldGoOverHttpWithoutACredential() throws IOException {
        gitlab = new GitlabHarness(dir.resolve("h"));
        gitlab.file(VALUES_PATH, "main", VALUES.getBytes(StandardCharsets.UTF_8));

        ToolResult r = anonymous().action("file-get").orElseThrow().execute(GitlabHarness.call("file-get",
                "{\"repo\": \"" + PROJECT + "\", \"path\": \"" + VALUES_PATH + "\"}"), StepContext.step());

        assertThat(r.transport()).isEqualTo(Transport.HTTP);
        assertThat(r.data().path("content").asText()).isEqualTo(VALUES);
        assertThat(gitlab.stubs.all()).isNotEmpty().allSatisfy(q -> {
            assertThat(q.containsHeader("PRIVATE-TOKEN")).as(q.getUrl()).isFalse();
            assertThat(q.containsHeader("Authorization")).as(q.getUrl()).isFalse();
        });
        assertThat(dir.resolve("glab-was-run")).as("glab needs a login: never run for an anonymous section").doesNotExist();
    }

    @Test
    void aWriteShouldBeRefusedWhenItsPlanIsMade() throws IOException {
        gitlab = new GitlabHarness(dir.resolve("h"));

        List<String> problems = anonymous().action("pr-comment").orElseThrow().targetProblems(GitlabHarness.call(
                "pr-comment", "{\"repo\": \"" + PROJECT + "\", \"number\": 7, \"body\": \"hello\"}"));

        assertThat(problems).containsExactly("repo: environment 'prod' reads GitLab anonymously (gitlab.token: none);"
                + " pr-comment writes and needs a credential there");
        assertThat(gitlab.stubs.all()).isEmpty();
    }

    @Test
    void theSectionShouldTakeNoneAndNeedNothingFromTheBroker() {
        GitlabInventory inventory = GitlabWorld.catalog("http://127.0.0.1:9/api/v4", 1024, "none").find("prod")
                .orElseThrow().inventory().part(GitlabInventory.class).orElseThrow();

        assertThat(inventory.anonymous()).isTrue();
        assertThat(inventory.brokerReferences()).isEmpty();
    }
}
