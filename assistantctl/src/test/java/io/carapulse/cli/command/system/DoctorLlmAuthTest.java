package io.carapulse.cli.command.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.cli.support.Ctl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's look at this machine's auth profiles: where, how private, and what openai-codex would use. */
class DoctorLlmAuthTest {

    private static final String ACCOUNT = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path dir;

    /** doctor against a server that is not there: its server lines fail, the local lines still come. */
    private static JsonNode check(Ctl ctl, String name, String detailContains) {
        Ctl.Result r = ctl.run("doctor", "-o", "json", "--server", "http://127.0.0.1:1");
        assertThat(r.out() + r.err()).doesNotContain("eyJ").doesNotContain("rt_SECRET");
        return StreamSupport.stream(r.json().get("checks").spliterator(), false)
                .filter(c -> c.get("check").asText().equals(name) && c.get("detail").asText().contains(detailContains))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " check with " + detailContains + " in " + r));
    }

    @Test
    void shouldSayThereAreNoProfilesWithoutFailing() {
        Ctl ctl = Ctl.fresh().with("CARAPULSE_HOME", dir.toString());
        JsonNode c = check(ctl, "llm auth", dir.resolve("auth-profiles.json").toString());
        assertThat(c.get("status").asText()).isEqualTo("ok");
        assertThat(c.get("detail").asText()).contains("no profiles", "assistantctl llm auth login");
    }

    @Test
    void shouldShowTheSelectedProfilesStateAndCheckTheFileIsPrivate() throws Exception {
        Path sink = dir.resolve("profiles.json");
        Ctl ctl = Ctl.fresh().with("CARAPULSE_AUTH_PATH", sink.toString());
        String access = jwt("{\"exp\":1900000000,\"https://api.openai.com/auth\":{\"chatgpt_account_id\":\"" + ACCOUNT + "\"}}");
        assertThat(ctl.withStdin(access + "\nrt_SECRET_1\n")
                .run("llm", "auth", "import", "--access-token", "-", "--refresh-token", "-").code()).isZero();

        JsonNode state = check(ctl, "llm auth", sink.toString());
        assertThat(state.get("status").asText()).isEqualTo("ok");
        assertThat(state.get("detail").asText()).isEqualTo(sink + ": VALID, profile:openai-codex:" + ACCOUNT
                + " (the provider's default); valid until 2030-03-17T17:46:40Z");
        assertThat(check(ctl, "file", sink.toString()).get("detail").asText()).contains("rw-------");

        Files.setPosixFilePermissions(sink, PosixFilePermissions.fromString("rw-r--r--"));
        JsonNode leaky = check(ctl, "file", sink.toString());
        assertThat(leaky.get("status").asText()).isEqualTo("fail");
        assertThat(leaky.get("detail").asText()).contains("readable by others; chmod 600 " + sink);
    }

    @Test
    void shouldWarnWhenTheProviderCouldNotUseItAndFailOnACorruptFile() throws Exception {
        Path sink = dir.resolve("auth-profiles.json");
        Ctl ctl = Ctl.fresh().with("CARAPULSE_HOME", dir.toString());
        Files.writeString(sink, "{\"version\":1,\"profiles\":{},\"defaults\":{}}");
        JsonNode empty = check(ctl, "llm auth", sink.toString());
        assertThat(empty.get("status").asText()).isEqualTo("warn");
        assertThat(empty.get("detail").asText()).contains("NOT_CONFIGURED", "no openai-codex auth profile");

        Files.writeString(sink, "{\"version\":1,\"profiles\":");
        JsonNode corrupt = check(ctl, "llm auth", sink.toString());
        assertThat(corrupt.get("status").asText()).isEqualTo("fail");
        assertThat(corrupt.get("detail").asText()).contains("is corrupt");
    }

    private static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
