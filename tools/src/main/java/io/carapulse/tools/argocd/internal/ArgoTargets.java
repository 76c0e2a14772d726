package io.carapulse.tools.argocd.internal;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.tools.argocd.ArgoCdInstance;
import io.carapulse.tools.lease.CredentialLease;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Argo CD of each environment (S6): the server flags the adapter injects, the projects an
 * application must belong to, the token as a lease variable (CLI) or bearer header (HTTP). The token
 * is resolved per call and never kept.
 */
public final class ArgoTargets {

    /** The variable through which the CLI receives its token; never {@code --auth-token} on argv (S4). */
    public static final String TOKEN_VARIABLE = "ARGOCD_AUTH_TOKEN";

    private final EnvironmentCatalog environments;
    private final Function<String, String> secretEnvironment;

    public ArgoTargets(EnvironmentCatalog environments, Function<String, String> secretEnvironment) {
        this.environments = environments;
        this.secretEnvironment = secretEnvironment;
    }

    /** The environment's Argo CD, or a refusal naming the environment when it declares none. */
    public ArgoCdInstance argocd(String environment) {
        return declared(environment)
                .orElseThrow(() -> new ToolException(ToolFailure.TARGET_NOT_ALLOWED,
                        "environment " + environment + " declares no Argo CD", null));
    }

    /** Plan-time S6 check: the environment declares an Argo CD; the app's project is known only at run time. */
    public List<String> problems(String environment) {
        return declared(environment).isPresent()
                ? List.of() : List.of("environment " + environment + " declares no Argo CD (argocd.server)");
    }

    private Optional<ArgoCdInstance> declared(String environment) {
        return environments.find(environment).map(Environment::inventory).flatMap(i -> i.part(ArgoCdInstance.class));
    }

    /** The projects whose applications the environment's steps may touch. */
    public Set<String> projects(String environment) {
        return argocd(environment).projects();
    }

    /** Execute-time S6 check of an application's {@code spec.project}. */
    public boolean allowsProject(String environment, String project) {
        return project != null && projects(environment).contains(project);
    }

    /** {@code --server <host:port> --grpc-web} (plus {@code --plaintext} for an {@code http://} server). */
    public List<String> serverFlags(String environment) {
        String server = argocd(environment).server();
        List<String> flags = new ArrayList<>();
        flags.add("--server");
        if (server.startsWith("https://")) {
            flags.add(stripPath(server.substring("https://".length())));
        } else if (server.startsWith("http://")) {
            flags.add(stripPath(localOnly(server).substring("http://".length())));
            flags.add("--plaintext");
        } else {
            flags.add(server);
        }
        flags.add("--grpc-web");
        return flags;
    }

    /** A lease holding the token as {@value #TOKEN_VARIABLE}, registered for redaction. The caller closes it. */
    public CredentialLease cliLease(String environment) {
        String token = token(environment);
        CredentialLease lease = CredentialLease.open();
        lease.putEnv(TOKEN_VARIABLE, token);
        lease.addSecret(token);
        return lease;
    }

    /** The token, for the one place that puts it in an Authorization header. */
    public String token(String environment) {
        return argocd(environment).token().resolve(secretEnvironment).reveal();
    }

    /** A redactor for an HTTP call: the patterns plus the token (S4). */
    public Redactor redactor(String token) {
        return Redactor.patterns().with(List.of(token));
    }

    /** The API base: {@code https://host:port}, or the configured URL ({@code http://} only for a local server). */
    public URI baseUri(String environment) {
        String server = argocd(environment).server();
        String url = server.startsWith("https://") ? server
                : server.startsWith("http://") ? localOnly(server) : "https://" + server;
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private static String localOnly(String server) {
        String host = URI.create(server).getHost();
        if (!"localhost".equals(host) && !"127.0.0.1".equals(host) && !"[::1]".equals(host)) {
            throw new ToolException(ToolFailure.CONFIGURATION_INVALID, "argocd.server " + server
                    + " uses plain http, which is allowed only for a local server; use https://", null);
        }
        return server;
    }

    private static String stripPath(String hostPort) {
        int slash = hostPort.indexOf('/');
        return slash < 0 ? hostPort : hostPort.substring(0, slash);
    }
}
