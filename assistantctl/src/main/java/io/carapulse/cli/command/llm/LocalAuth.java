package io.carapulse.cli.command.llm;

import io.carapulse.cli.CliEnvironment;
import io.carapulse.cli.connect.Home;
import io.carapulse.llm.auth.AuthEnv;
import io.carapulse.llm.auth.AuthProfileAdmin;
import io.carapulse.llm.auth.CodexAuthImporter;
import io.carapulse.llm.auth.CodexLogin;
import io.carapulse.llm.auth.ManualTokenImporter;
import io.carapulse.llm.auth.OpenClawImporter;
import io.carapulse.llm.auth.ProfileStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The auth-profile library ({@code io.carapulse.llm.auth}) wired to one invocation's environment:
 * the variables and home the CLI was given (never the real ones in tests), and the token sink where the
 * server looks for it — {@code CARAPULSE_AUTH_PATH}, else {@code $CARAPULSE_HOME/auth-profiles.json},
 * else {@code ~/.carapulse/auth-profiles.json} ({@link Home#authProfilesFile}).
 */
public final class LocalAuth {

    private final AuthEnv env;
    private final ProfileStore store;
    private final Clock clock;
    private final String storeFrom;

    private LocalAuth(AuthEnv env, Clock clock, String storeFrom) {
        this.env = env;
        this.store = ProfileStore.at(env);
        this.clock = clock;
        this.storeFrom = storeFrom;
    }

    public static LocalAuth of(CliEnvironment cli) {
        Path sink = Home.authProfilesFile(cli);
        // the library reads CARAPULSE_AUTH_PATH and falls back to ~/.carapulse; the CLI's rule also
        // honours CARAPULSE_HOME, as the server does, so hand the library the resolved file
        AuthEnv env = new AuthEnv(name -> AuthEnv.AUTH_PATH.equals(name) ? sink.toString() : cli.variable(name),
                cli.userHome());
        String from = cli.variable(AuthEnv.AUTH_PATH) != null ? AuthEnv.AUTH_PATH
                : cli.variable("CARAPULSE_HOME") != null ? "CARAPULSE_HOME" : "default";
        return new LocalAuth(env, Clock.systemUTC(), from);
    }

    public AuthEnv env() {
        return env;
    }

    public ProfileStore store() {
        return store;
    }

    /** Where the file's location came from, for {@code --verbose}. */
    public String storeFrom() {
        return storeFrom;
    }

    public AuthProfileAdmin admin() {
        return new AuthProfileAdmin(store, env, clock);
    }

    CodexAuthImporter codex() {
        return new CodexAuthImporter(store, env, clock);
    }

    OpenClawImporter openClaw() {
        return new OpenClawImporter(store, env, clock);
    }

    ManualTokenImporter manual() {
        return new ManualTokenImporter(store, clock);
    }

    CodexLogin login() {
        return new CodexLogin(CodexLogin.inheritedIo(env), codex());
    }
}
