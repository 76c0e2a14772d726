package io.carapulse.tools.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code token: none} (the seeds' {@code none} auth mode): a section that reads GitHub anonymously. Its reads go
 * over the HTTP API without any {@code Authorization} header, even where {@code gh} is installed (gh needs a
 * login); its writes are refused when the plan is made; it reads nothing from the broker.
 */
class GitHubAnonymousTest {

    static final String WEB = "helm/values/prod/web.yaml";
    static GitHubStubs stubs;

    @TempDir Path bin;

    @BeforeAll
    static void start() {
        stubs = new GitHubStubs(null, null); // answers without a token, as GitHub does for a public repository
    }

    @AfterAll
    static void stop() {
        stubs.close();
    }

    private GitHubAdapter anonymous() throws IOException {
        Path gh = bin.resolve("gh");
        Files.writeString(gh, "#!/bin/sh\ntouch \"$(dirname \"$0\")/gh-was-run\"\nexit 1\n");
        Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwx------"));
        return new GitHubAdapter(GitHubWorld.runtime(GitHubWorld.section("github.example.com", stubs.apiUrl(),
                Map.of("token", "none"), List.of()), bin, new ProcessRunner(), Clock.systemUTC(), k -> null, Map.of()));
    }

    @Test
    void aReadShouldGoOverHttpWithoutACredential() throws IOException {
        stubs.reset();
        stubs.repo();
        stubs.file(WEB, "main", "replicas: 2\n");
        ToolCall read = GitHubWorld.call("file-get", "{\"repo\": \"acme/web\", \"path\": \"" + WEB + "\", \"ref\": \"main\"}");

        ToolResult r = GitHubWorld.action(anonymous(), "file-get").execute(read, GitHubWorld.context());

        assertThat(r.transport()).isEqualTo(Transport.HTTP);
        assertThat(r.output()).contains("replicas: 2");
        List<LoggedRequest> requests = stubs.requests();
        assertThat(requests).isNotEmpty().allSatisfy(q -> assertThat(q.containsHeader("Authorization")).isFalse());
        assertThat(bin.resolve("gh-was-run")).as("gh needs a login: never run for an anonymous section").doesNotExist();
    }

    @Test
    void aWriteShouldBeRefusedWhenItsPlanIsMade() throws IOException {
        stubs.reset();
        ToolCall change = GitHubWorld.call("propose-change", "{\"repo\": \"acme/web\", \"base\": \"main\", \"title\": \"t\","
                + " \"files\": {\"" + WEB + "\": \"replicas: 3\\n\"}}");

        List<String> problems = GitHubWorld.action(anonymous(), "propose-change").targetProblems(change);

        assertThat(problems).containsExactly("repo: environment 'prod' reads GitHub anonymously (github.token: none);"
                + " propose-change writes and needs a credential there");
        assertThat(stubs.requests()).isEmpty();
    }

    @Test
    void theSectionShouldTakeNoneAndNeedNothingFromTheBroker() {
        GitHubInventory inventory = GitHubWorld.catalog(GitHubWorld.section("github.example.com", stubs.apiUrl(),
                Map.of("token", "none"), List.of())).find("prod").orElseThrow().inventory().part(GitHubInventory.class)
                .orElseThrow();

        assertThat(inventory.credentials()).isInstanceOf(GitHubCredentials.Anonymous.class);
        assertThat(inventory.brokerReferences()).isEmpty();
    }
}
