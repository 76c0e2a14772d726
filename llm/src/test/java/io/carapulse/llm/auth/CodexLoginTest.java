package io.carapulse.llm.auth;

import static io.carapulse.llm.auth.Fixtures.ACCOUNT_A;
import static io.carapulse.llm.auth.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexLoginTest {

    @TempDir
    Path home;

    private Path loginFile;
    private final List<List<String>> argvs = new ArrayList<>();
    private final List<Map<String, String>> envs = new ArrayList<>();

    @BeforeEach
    void fixture() throws Exception {
        loginFile = Fixtures.copy("codex-chatgpt", home.resolve("fixture")).resolve("auth.json");
    }

    private ProfileStore store() {
        return new ProfileStore(home.resolve(".carapulse/auth-profiles.json"));
    }

    private CodexLogin login(CodexLogin.Launcher launcher, Map<String, String> env) {
        return new CodexLogin(launcher, new CodexAuthImporter(store(), AuthEnv.of(env, home), CLOCK));
    }

    /** A launcher standing in for a `codex login` that writes {@code auth.json} where Codex would. */
    private CodexLogin.Launcher codexWriting(Path target, int status) {
        return (argv, extraEnv) -> {
            argvs.add(argv);
            envs.add(extraEnv);
            Files.createDirectories(target.getParent());
            Files.copy(loginFile, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return status;
        };
    }

    @Test
    void shouldRunCodexLoginThenImportTheFileItWrote() {
        Path codexAuth = home.resolve(".codex/auth.json");

        ImportResult result = login(codexWriting(codexAuth, 0), Map.of()).login(false, null);

        assertThat(argvs).containsExactly(List.of("codex", "login"));
        assertThat(envs).containsExactly(Map.of());
        assertThat(result.imported()).extracting(ImportedProfile::id).containsExactly("openai-codex:" + ACCOUNT_A);
        assertThat(result.source()).isEqualTo("codex:" + codexAuth);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("now belongs to Carapulse"));
        assertThat(store().read().get("openai-codex:" + ACCOUNT_A)).isPresent();
    }

    @Test
    void shouldAskForDeviceAuthAndPointCodexHomeAtAGivenFile() {
        Path codexAuth = home.resolve("elsewhere/auth.json");

        login(codexWriting(codexAuth, 0), Map.of()).login(true, codexAuth);

        assertThat(argvs).containsExactly(List.of("codex", "login", "--device-auth"));
        assertThat(envs).containsExactly(Map.of("CODEX_HOME", home.resolve("elsewhere").toString()));
    }

    @Test
    void shouldExplainTheFileStoreSettingWhenNoAuthJsonAppears() {
        CodexLogin.Launcher keyring = (argv, env) -> 0;

        assertThatThrownBy(() -> login(keyring, Map.of()).login(false, null))
                .isInstanceOf(AuthImportException.class)
                .hasMessageContaining("wrote no " + home.resolve(".codex/auth.json"))
                .hasMessageContaining("cli_auth_credentials_store = \"file\" in ~/.codex/config.toml")
                .hasMessageContaining("`assistantctl llm auth login` again");
        assertThat(store().path()).doesNotExist();
    }

    @Test
    void shouldNotImportAnOldFileThatCodexLoginDidNotRewrite() throws Exception {
        Path codexAuth = home.resolve(".codex/auth.json");
        Files.createDirectories(codexAuth.getParent());
        Files.copy(loginFile, codexAuth);

        assertThatThrownBy(() -> login((argv, env) -> 0, Map.of()).login(false, null))
                .hasMessageContaining("did not rewrite " + codexAuth)
                .hasMessageContaining("cli_auth_credentials_store");
        assertThat(store().path()).doesNotExist();
    }

    @Test
    void shouldStopWhenCodexLoginFails() {
        assertThatThrownBy(() -> login(codexWriting(home.resolve(".codex/auth.json"), 1), Map.of()).login(false, null))
                .hasMessage("`codex login` exited with status 1; nothing was imported");
        assertThat(store().path()).doesNotExist();
    }

    @Test
    void shouldSayCodexIsNotOnPath() throws Exception {
        Path emptyBin = Files.createDirectories(home.resolve("empty-bin"));
        AuthEnv env = AuthEnv.of(Map.of("PATH", emptyBin.toString()), home);

        assertThatThrownBy(() -> login(CodexLogin.inheritedIo(env), Map.of()).login(false, null))
                .isInstanceOf(AuthImportException.class)
                .hasMessageStartingWith("codex is not on PATH");
    }

    @Test
    void shouldRunTheCodexFoundOnPathWithArgvAndCodexHome() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path codex = bin.resolve("codex");
        Files.writeString(codex, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$CODEX_HOME/argv\"\ncp '" + loginFile
                + "' \"$CODEX_HOME/auth.json\"\n");
        Files.setPosixFilePermissions(codex, PosixFilePermissions.fromString("rwx------"));
        Path codexHome = Files.createDirectories(home.resolve("codex-home"));
        AuthEnv env = AuthEnv.of(Map.of("PATH", bin.toString()), home);

        ImportResult result = login(CodexLogin.inheritedIo(env), Map.of()).login(true, codexHome.resolve("auth.json"));

        assertThat(Files.readAllLines(codexHome.resolve("argv"))).containsExactly("login", "--device-auth");
        assertThat(result.imported()).hasSize(1);
    }
}
