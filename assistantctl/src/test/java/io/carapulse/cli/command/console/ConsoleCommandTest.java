package io.carapulse.cli.command.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.cli.ExitCode;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assistantctl console}: a one-time sign-in link, opened in $BROWSER or printed, that works once. */
class ConsoleCommandTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final TestServer server = TestServer.shared();

    @Test
    void shouldOpenAOneTimeLinkInTheBrowserThatSignsTheCallerInOnce(@TempDir Path dir) throws Exception {
        Path opened = dir.resolve("opened");
        Path browser = dir.resolve("browser");
        Files.writeString(browser, "#!/bin/sh\nprintf '%s' \"$1\" > " + opened + "\n");
        Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwx------"));

        Ctl.Result r = Ctl.localTo(server).with("BROWSER", browser.toString()).run("console");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Opened the console in your browser", "works once");
        String url = await(opened);
        assertThat(url).startsWith(server.url() + "/login/link?code=");
        assertThat(r.out() + r.err()).doesNotContain(url.substring(url.indexOf("code=") + 5));

        assertThat(get(url).body()).contains("Sign in with this link");
        HttpResponse<String> first = signIn(url);
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("set-cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("carapulse_session="));
        assertThat(signIn(url).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldPrintTheLinkWithoutABrowserAndGiveJson() throws Exception {
        Ctl.Result printed = Ctl.localTo(server).with("PATH", "/nonexistent").run("console");
        assertThat(printed.code()).as(printed.toString()).isZero();
        assertThat(printed.out().strip()).startsWith(server.url() + "/login/link?code=");
        assertThat(printed.err()).contains("works once");

        Ctl.Result json = Ctl.localTo(server).run("console", "--no-browser", "-o", "json");
        assertThat(json.json().get("url").asText()).contains("/login/link?code=");
        assertThat(json.json().get("expiresAt").asText()).isNotBlank();

        assertThat(Ctl.as(server, "cpt_" + "x".repeat(43)).run("console", "--no-browser").code())
                .isEqualTo(ExitCode.UNAUTHENTICATED.code());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the link's page does when its button is pressed. */
    private static HttpResponse<String> signIn(String url) throws Exception {
        URI uri = URI.create(url);
        return HTTP.send(HttpRequest.newBuilder(uri.resolve("/login/link"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(uri.getRawQuery())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String await(Path file) throws Exception {
        for (int i = 0; i < 100 && !(Files.exists(file) && Files.size(file) > 0); i++) {
            Thread.sleep(50);
        }
        return Files.readString(file);
    }
}
