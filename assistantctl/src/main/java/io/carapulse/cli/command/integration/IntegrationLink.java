package io.carapulse.cli.command.integration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.IntegrationCreateRequest;
import io.carapulse.api.dto.IntegrationView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code integration link PROVIDER (--global | --env ENV… | --agent NAME) [--token-from -|file:PATH|env:NAME]}. The token
 * never is an argument: it is read from stdin (the default), a file or an environment variable.
 */
@Command(name = "link", description = {
        "Link a credential: the server checks it against the service, then stores it encrypted. The token "
                + "(Jira: the API token) is read from stdin, file:PATH or env:NAME; never from the command line.",
        "",
        "  assistantctl integration link github --global --token-from env:GITHUB_TOKEN",
        "  assistantctl integration link github --agent release-agent --token-from file:/run/secrets/gh",
        "  assistantctl integration link jira --env prod --base-url https://acme.atlassian.net --username bot@acme.com < token"})
final class IntegrationLink extends CliCommand {

    @Parameters(paramLabel = "PROVIDER", description = "github, gitlab, jira or generic.")
    String provider;

    @Option(names = "--global", description = "For every environment.")
    boolean global;

    @Option(names = "--env", paramLabel = "ENV", split = ",", description = "For these environments; repeat or separate with commas.")
    List<String> environments;

    @Option(names = "--agent", paramLabel = "NAME", description = "For this agent only (an agent token's name or id); "
            + "at most one per provider per agent.")
    String agent;

    @Option(names = "--base-url", paramLabel = "URL", description = "The service's URL (required for jira and generic; "
            + "GitHub Enterprise: https://HOST/api/v3).")
    String baseUrl;

    @Option(names = "--validate-url", paramLabel = "URL", description = "generic: a URL that answers 2xx for the token.")
    String validateUrl;

    @Option(names = "--username", paramLabel = "EMAIL", description = "jira: the Atlassian account's email.")
    String username;

    @Option(names = "--token-from", paramLabel = "SOURCE", defaultValue = "-",
            description = "Where the token is: - (stdin, the default), file:PATH or env:NAME.")
    String tokenFrom;

    @Mixin
    OutputOption output;

    IntegrationLink(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        boolean jira = "jira".equals(provider);
        if (jira && username == null) {
            throw CliException.usage("jira needs --username (the Atlassian account's email)");
        }
        if (!jira && username != null) {
            throw CliException.usage("--username is for jira only");
        }
        String token = token();
        ObjectNode credentials = JsonNodeFactory.instance.objectNode();
        if (jira) {
            credentials.put("username", username);
            credentials.put("api_token", token);
        } else {
            credentials.put("token", token);
        }
        IntegrationCreateRequest request = new IntegrationCreateRequest(provider, jira ? "basic_auth" : "pat", credentials,
                global ? Boolean.TRUE : null, environments, baseUrl, validateUrl, agent);
        IntegrationView v = api().post(Integrations.BASE, request, IntegrationView.class);
        if (!Printer.structured(out(), output.format(), v)) {
            out().println("integration " + v.id() + " linked: " + v.provider() + " for " + Integrations.scope(v)
                    + (v.username() == null ? "" : " as " + v.username()));
        }
        return ExitCode.OK;
    }

    /** The token from its source, without its trailing line break. */
    private String token() {
        String text;
        if (tokenFrom.equals("-")) {
            try (InputStream in = cli.env().stdin()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException(ExitCode.ERROR, "cannot read the token from stdin (" + e.getMessage() + ")");
            }
        } else if (tokenFrom.startsWith("file:")) {
            Path file = Path.of(tokenFrom.substring("file:".length()));
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.usage("cannot read the token file " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        } else if (tokenFrom.startsWith("env:")) {
            String name = tokenFrom.substring("env:".length());
            text = cli.env().variable(name);
            if (text == null) {
                throw CliException.usage("the environment variable " + name + " is not set");
            }
        } else {
            // never echo it: it may be the token itself, given where a source was expected
            throw CliException.usage("--token-from takes -, file:PATH or env:NAME; the token itself never goes on the command line");
        }
        text = text.strip();
        if (text.isEmpty()) {
            throw CliException.usage("the token is empty");
        }
        return text;
    }
}
