package io.carapulse.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One environment as written in configuration under {@code carapulse.environments.<name>}. Raw
 * strings on purpose: {@link EnvironmentCatalog} validates them at start-up and turns them into
 * {@link Environment}s, so a typo in a role stops the server with a message naming the key.
 *
 * @param name              the environment's name (the map key), e.g. {@code prod}
 * @param description       one line shown to people
 * @param requestRoles      roles that may create plans here
 * @param approveRoles      roles that may decide approvals here
 * @param executeRoles      roles that may execute approved plans here
 * @param selfApproval      whether the requester may approve their own plan (only sensible for dev)
 * @param breakGlassAllowed whether BREAK_GLASS steps may run here at all
 * @param breakGlassRoles   roles that may approve and execute BREAK_GLASS plans (admin always)
 * @param approvalTtl       how long a pending or granted approval stays valid
 * @param approvals         approval providers that must decide, e.g. {@code [local]}
 * @param kubernetes        the cluster this environment's Kubernetes and Helm steps run against
 * @param argocd            the Argo CD this environment's argocd steps run against
 * @param helm              where Helm charts and values ({@code values_ref}) may come from
 * @param pagerduty         the PagerDuty rules of this environment's approvals: who must be on call, when
 *                          a request pages, with which severity and routing key
 */
@EachProperty("carapulse.environments")
public record EnvironmentProperties(
        @Parameter String name,
        @Nullable String description,
        @Bindable(defaultValue = "operator") List<String> requestRoles,
        @Bindable(defaultValue = "approver") List<String> approveRoles,
        @Bindable(defaultValue = "operator") List<String> executeRoles,
        @Bindable(defaultValue = "false") boolean selfApproval,
        @Bindable(defaultValue = "false") boolean breakGlassAllowed,
        @Bindable(defaultValue = "admin") List<String> breakGlassRoles,
        @Bindable(defaultValue = "24h") Duration approvalTtl,
        @Bindable(defaultValue = "local") List<String> approvals,
        @Nullable KubernetesProperties kubernetes,
        @Nullable ArgoCdProperties argocd,
        @Nullable HelmProperties helm,
        @Nullable PagerDutyProperties pagerduty) {

    /** The binding constructor (marked so, since the record has another). */
    @Creator
    public EnvironmentProperties {
    }

    /** An environment without PagerDuty rules, as environments were written before approval routing. */
    public EnvironmentProperties(String name, String description, List<String> requestRoles, List<String> approveRoles,
                                 List<String> executeRoles, boolean selfApproval, boolean breakGlassAllowed,
                                 List<String> breakGlassRoles, Duration approvalTtl, List<String> approvals,
                                 KubernetesProperties kubernetes, ArgoCdProperties argocd, HelmProperties helm) {
        this(name, description, requestRoles, approveRoles, executeRoles, selfApproval, breakGlassAllowed,
                breakGlassRoles, approvalTtl, approvals, kubernetes, argocd, helm, null);
    }

    /**
     * {@code carapulse.environments.<name>.kubernetes.*}: the one cluster of an environment.
     *
     * @param context    kube context the CLI is pointed at ({@code --context})
     * @param kubeconfig where the kubeconfig lives ({@code env:…} or {@code file:…}); handed to the CLI as a
     *                   0600 temp file
     * @param apiServer  API server URL for the HTTP fallback
     * @param token      bearer token for the HTTP fallback ({@code env:…} or {@code file:…})
     * @param namespaces the namespaces steps may name; anything else is {@code target_not_allowed}
     */
    @ConfigurationProperties("kubernetes")
    public record KubernetesProperties(
            @Nullable String context,
            @Nullable String kubeconfig,
            @Nullable String apiServer,
            @Nullable String token,
            @Bindable(defaultValue = "") List<String> namespaces) {
    }

    /**
     * {@code carapulse.environments.<name>.argocd.*}.
     *
     * @param server   Argo CD server (host:port or URL)
     * @param token    API token ({@code env:…} or {@code file:…})
     * @param projects the Argo CD projects whose applications steps may name
     */
    @ConfigurationProperties("argocd")
    public record ArgoCdProperties(
            @Nullable String server,
            @Nullable String token,
            @Bindable(defaultValue = "") List<String> projects) {
    }

    /**
     * {@code carapulse.environments.<name>.helm.*}: where an environment's Helm charts may come from,
     * and where Helm's {@code values_ref} files come from. Every part is optional.
     *
     * @param valuesRepo        the Git repository of values files ({@code https://…}, or {@code file:…} for tests)
     * @param valuesRef         the branch or tag cloned, default {@code main}
     * @param valuesToken       optional bearer token for the values repository ({@code env:…} or {@code file:…})
     * @param chartRepositories classic chart repositories a step may name as {@code <name>/<chart>}: each
     *                          with {@code name}, {@code url} and optionally {@code username} and
     *                          {@code password} (a secret reference); raw maps, because Micronaut does not
     *                          bind a list of records here, checked key by key at start-up
     * @param ociRegistries     OCI registry locations a step's {@code oci://} chart must lie under: each with
     *                          {@code prefix} and optionally {@code username} and {@code password}
     */
    @ConfigurationProperties("helm")
    public record HelmProperties(
            @Nullable String valuesRepo,
            @Bindable(defaultValue = "main") String valuesRef,
            @Nullable String valuesToken,
            @Nullable List<Map<String, Object>> chartRepositories,
            @Nullable List<Map<String, Object>> ociRegistries) {
    }

    /**
     * {@code carapulse.environments.<name>.pagerduty.*}: what PagerDuty has to do with this environment's
     * approvals. Every part is optional.
     *
     * @param onCallSchedule         an approver must be on call now in this PagerDuty schedule ({@code PABC123})
     * @param onCallEscalationPolicy or on call now for this escalation policy (not both)
     * @param page                   when a request pages, if {@code pagerduty} is among {@code approvals}:
     *                               {@code always} (default) or {@code break-glass}
     * @param severity               the severity of the page: {@code critical}, {@code error}, {@code warning}
     *                               (default), {@code info}
     * @param routingKey             this environment's Events v2 routing key ({@code env:…} or {@code file:…});
     *                               else {@code carapulse.approvals.pagerduty.routing-key}
     */
    @ConfigurationProperties("pagerduty")
    public record PagerDutyProperties(
            @Nullable String onCallSchedule,
            @Nullable String onCallEscalationPolicy,
            @Bindable(defaultValue = "always") String page,
            @Bindable(defaultValue = "warning") String severity,
            @Nullable String routingKey) {
    }
}
