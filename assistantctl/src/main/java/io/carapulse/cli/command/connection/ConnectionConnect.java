package io.carapulse.cli.command.connection;

import io.carapulse.api.dto.ConnectionTokenRequest;
import io.carapulse.cli.command.integration.SecretSource;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.ConnectionStartView;
import io.carapulse.api.dto.ConnectionView;
import io.carapulse.api.dto.PageView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code connection connect PROVIDER}: prints the provider's consent address (the one line on stdout), then
 * waits until the connection made through it shows as connected, or {@code --wait} runs out.
 */
@Command(name = "connect", description = "Connect your GitHub or GitLab account: open the printed address in a "
        + "browser and allow Carapulse; this waits until the connection is made (--wait 0: print and return). "
        + "Or hand over your own personal access token with --token-from (checked at the provider first).")
final class ConnectionConnect extends CliCommand {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smh]?)");
    static final long POLL_MILLIS = 2000;

    @Parameters(paramLabel = "PROVIDER", description = "github or gitlab.")
    String provider;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for the browser (e.g. 90s, 5m; 0 = do not wait). Default: ${DEFAULT-VALUE}.")
    String waitFor;

    @Option(names = "--token-from", paramLabel = "SOURCE",
            description = "Connect with your own personal access token instead of the browser: - (stdin), file:PATH or "
                    + "env:NAME; never the token itself.")
    String tokenFrom;

    ConnectionConnect(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() throws InterruptedException {
        if (tokenFrom != null) {
            String token = SecretSource.read(cli, "--token-from", tokenFrom, "the token");
            ConnectionView made = api().put(Connections.BASE + "/" + ApiClient.segment(provider) + "/token",
                    new ConnectionTokenRequest(token), ConnectionView.class);
            out().println("connected to " + made.provider() + " as " + made.username() + " (" + made.id()
                    + ", your own token)");
            return ExitCode.OK;
        }
        Duration wait = duration(waitFor);
        ConnectionStartView started = api().post(Connections.BASE + "/" + ApiClient.segment(provider), null,
                ConnectionStartView.class);
        out().println(started.authorizeUrl());
        out().flush();
        if (wait.isZero()) {
            err().println("open the address above in a browser before " + started.expiresAt());
            return ExitCode.OK;
        }
        err().println("open the address above in a browser; waiting up to " + waitFor + " for the connection …");
        err().flush();
        // the flow was started ten minutes before its state expires; a connection made since then is this one
        Instant begun = started.expiresAt().minus(Duration.ofMinutes(10));
        long until = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<ConnectionView> made = api().get(Connections.BASE, new TypeReference<PageView<ConnectionView>>() { })
                    .items().stream().filter(c -> c.provider().equals(provider) && "connected".equals(c.status())
                            && !c.createdAt().isBefore(begun)).findFirst();
            if (made.isPresent()) {
                err().println("connected to " + provider + " as " + made.get().username() + " (" + made.get().id() + ")");
                return ExitCode.OK;
            }
            if (System.nanoTime() - until >= 0) {
                err().println("not connected within " + waitFor + "; run assistantctl connection connect " + provider
                        + " again when you are ready");
                return ExitCode.ERROR;
            }
            Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new CliException(ExitCode.USAGE, "--wait: '" + text + "' is not a duration such as 90s, 5m or 0");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
