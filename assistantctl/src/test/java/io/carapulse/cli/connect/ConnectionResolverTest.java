package io.carapulse.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.cli.CliEnvironment;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.GlobalOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConnectionResolverTest {

    @TempDir
    Path home;

    @Test
    void shouldPreferTheFlagThenTheVariableThenTheContextThenTheDefault() throws Exception {
        Files.writeString(home.resolve("config.yaml"), """
                current-context: ctx
                contexts:
                - name: ctx
                  server: https://ctx.example.com
                  token-env: CTX_TOKEN
                """);
        Map<String, String> vars = new HashMap<>(Map.of("CARAPULSE_HOME", home.toString(), "CTX_TOKEN", "from-ctx"));
        assertThat(resolve(vars).server()).isEqualTo(URI.create("https://ctx.example.com"));
        assertThat(resolve(vars).token()).isEqualTo("from-ctx");
        vars.put("CARAPULSE_SERVER", "http://env.example.com/");
        vars.put("CARAPULSE_TOKEN", "from-env");
        assertThat(resolve(vars).server()).isEqualTo(URI.create("http://env.example.com"));
        assertThat(resolve(vars).tokenFrom()).isEqualTo("CARAPULSE_TOKEN");
        Connection flags = resolve(vars, "--server", "http://flag.example.com", "--token", "from-flag");
        assertThat(flags.server()).isEqualTo(URI.create("http://flag.example.com"));
        assertThat(flags.token()).isEqualTo("from-flag");
        assertThat(flags.toString()).doesNotContain("from-flag");

        Connection none = resolve(Map.of("CARAPULSE_HOME", home.resolve("empty").toString()));
        assertThat(none.server()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(none.serverFrom()).isEqualTo("default");
        assertThat(none.token()).isNull();
    }

    @Test
    void shouldOfferTheLocalTokenFileOnlyToALoopbackServer() throws Exception {
        Files.writeString(home.resolve("token"), "cpt_local\n");
        Map<String, String> vars = new HashMap<>(Map.of("CARAPULSE_HOME", home.toString()));
        assertThat(resolve(vars).token()).isEqualTo("cpt_local");
        for (String local : new String[] {"http://localhost:9", "http://127.0.0.1:9", "http://127.1.2.3", "http://[::1]:9"}) {
            vars.put("CARAPULSE_SERVER", local);
            assertThat(resolve(vars).token()).as(local).isEqualTo("cpt_local");
        }
        for (String remote : new String[] {"https://carapulse.example.com", "http://10.0.0.1:8080", "http://localhost.evil.com"}) {
            vars.put("CARAPULSE_SERVER", remote);
            assertThat(resolve(vars).token()).as(remote).isNull();
        }
    }

    @Test
    void shouldRefuseAServerThatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> resolve(Map.of("CARAPULSE_HOME", home.toString(), "CARAPULSE_SERVER", "ftp://x")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
    }

    private Connection resolve(Map<String, String> vars, String... flags) {
        GlobalOptions options = new GlobalOptions();
        new CommandLine(options).parseArgs(flags);
        return new ConnectionResolver(new CliEnvironment(vars, home, false, System.in)).resolve(options);
    }
}
