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
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code integration link PROVIDER (--global | --env ENV… | --agent AGENT) [--token-from -|file:PATH|env:NAME]}, or a
 * GitHub App ({@code --app-id N --installation-id N --private-key-from SOURCE}), or a GitLab identity minted by a
 * credential provider ({@code --automated --provider-id ID}), or a delegated integration ({@code --auth-type oauth}:
 * calls act as each plan's requester through their own connection; nothing is read). A token or key never is an
 * argument: it is read from stdin (the default), a file or an environment variable.
 */
@Command(name = "link", description = {
        "Link a credential: the server checks it against the service, then stores it encrypted. The token "
                + "(Jira: the API token) is read from stdin, file:PATH or env:NAME; never from the command line.",
        "",
        "  assistantctl integration link github --global --token-from env:GITHUB_TOKEN",
        "  assistantctl integration link github --agent release-agent --token-from file:/run/secrets/gh",
        "  assistantctl integration link github --agent runbook:nightly-report --token-from env:GH_REPORT_TOKEN",
        "  assistantctl integration link jira --env prod --base-url https://acme.atlassian.net --username bot@acme.com < token",
        "  assistantctl integration link github --global --app-id 123456 --installation-id 7890123 --private-key-from file:/etc/app.pem",
        "  assistantctl integration link gitlab --env prod --automated --provider-id cpr_01…",
        "  assistantctl integration link github --auth-type oauth --env staging"})
final class IntegrationLink extends CliCommand {

    @Parameters(paramLabel = "PROVIDER", description = "github, gitlab, jira or generic.")
    String provider;

    @Option(names = "--global", description = "For every environment.")
    boolean global;

    @Option(names = "--env", paramLabel = "ENV", split = ",", description = "For these environments; repeat or separate with commas.")
    List<String> environments;

    @Option(names = "--agent", paramLabel = "AGENT", description = "For this agent only: an agent token's name or id, "
            + "oidc:<sub> (an external agent) or runbook:<name>; at most one per provider per agent.")
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

    @Option(names = "--app-id", paramLabel = "N", description = "github: link a GitHub App installation, of this app id.")
    String appId;

    @Option(names = "--installation-id", paramLabel = "N", description = "github app: the installation's id.")
    String installationId;

    @Option(names = "--private-key-from", paramLabel = "SOURCE", description = "github app: where the app's private key "
            + "(PEM) is: - (stdin), file:PATH or env:NAME.")
    String privateKeyFrom;

    @Option(names = "--automated", description = "gitlab: a dedicated identity minted by a credential provider.")
    boolean automated;

    @Option(names = "--provider-id", paramLabel = "ID", description = "gitlab --automated: the credential provider "
            + "(cpr_…), from assistantctl integration provider list.")
    String providerId;

    @Option(names = "--auth-type", paramLabel = "TYPE", description = "oauth (github, gitlab): delegated, calls act as the "
            + "person who asked for the plan through their own connection; no token is read. The other auth types "
            + "follow from the options (--token-from, --username, --app-id, --automated).")
    String authType;

    @Mixin
    OutputOption output;

    IntegrationLink(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        if (authType != null) {
            return linked(delegated());
        }
        if (automated || providerId != null) {
            return linked(automated());
        }
        if (appId != null || installationId != null || privateKeyFrom != null) {
            return linked(app());
        }
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
                global ? Boolean.TRUE : null, environments, baseUrl, validateUrl, null, agent);
        return linked(request);
    }

    private ExitCode linked(IntegrationCreateRequest request) {
        IntegrationView v = api().post(Integrations.BASE, request, IntegrationView.class);
        if (!Printer.structured(out(), output.format(), v)) {
            out().println("integration " + v.id() + " linked: " + v.provider() + " for " + Integrations.scope(v)
                    + (Integrations.user(v) == null ? "" : " as " + Integrations.user(v)));
        }
        return ExitCode.OK;
    }

    /** A GitHub App installation: the ids as the strings of digits the API takes, the key from its source. */
    private IntegrationCreateRequest app() {
        if (!"github".equals(provider)) {
            throw CliException.usage("--app-id, --installation-id and --private-key-from are for github");
        }
        if (appId == null || installationId == null || privateKeyFrom == null) {
            throw CliException.usage("a GitHub App needs --app-id, --installation-id and --private-key-from");
        }
        if (username != null || validateUrl != null) {
            throw CliException.usage("a GitHub App takes no --username or --validate-url");
        }
        ObjectNode credentials = JsonNodeFactory.instance.objectNode();
        credentials.put("appId", appId);
        credentials.put("installationId", installationId);
        credentials.put("privateKey", SecretSource.read(cli, "--private-key-from", privateKeyFrom, "the private key") + "\n");
        return new IntegrationCreateRequest(provider, "app", credentials, global ? Boolean.TRUE : null, environments,
                baseUrl, null, null, agent);
    }

    /** A GitLab identity its credential provider mints: no credential here at all. */
    private IntegrationCreateRequest automated() {
        if (!"gitlab".equals(provider)) {
            throw CliException.usage("--automated and --provider-id are for gitlab");
        }
        if (!automated || providerId == null) {
            throw CliException.usage("an automated gitlab link needs --automated and --provider-id");
        }
        if (baseUrl != null || username != null || validateUrl != null) {
            throw CliException.usage("an automated link takes the credential provider's URL; no --base-url, --username or --validate-url");
        }
        return new IntegrationCreateRequest(provider, "automated", null, global ? Boolean.TRUE : null, environments,
                null, null, providerId, agent);
    }

    /** A delegated integration: no credential at all, an empty credentials object. */
    private IntegrationCreateRequest delegated() {
        if (!"oauth".equals(authType)) {
            throw CliException.usage("--auth-type takes oauth; pat, basic_auth, app and automated follow from the other"
                    + " options (--token-from, --username, --app-id, --automated)");
        }
        if (!"-".equals(tokenFrom) || username != null || validateUrl != null || appId != null || installationId != null
                || privateKeyFrom != null || automated || providerId != null) {
            throw CliException.usage("--auth-type oauth takes no credential: calls act as each plan's requester through"
                    + " their own connection (assistantctl connection connect " + provider + ")");
        }
        return new IntegrationCreateRequest(provider, "oauth", JsonNodeFactory.instance.objectNode(),
                global ? Boolean.TRUE : null, environments, baseUrl, null, null, agent);
    }

    /** The token from its source, without its trailing line break. */
    private String token() {
        return SecretSource.read(cli, "--token-from", tokenFrom, "the token");
    }
}
