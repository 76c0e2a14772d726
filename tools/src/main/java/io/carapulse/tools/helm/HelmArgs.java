package io.carapulse.tools.helm;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The argument vocabulary shared by the Helm actions' arguments records: the patterns and descriptions
 * their {@link io.carapulse.tools.family.Arg} declarations use (so the published schema and the parse
 * cannot disagree, and a call that bypassed plan validation still cannot put an option or a path where
 * a name belongs, S5), and the family's JSON mapper.
 */
final class HelmArgs {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String NAMESPACE_RE = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    static final String RELEASE_RE = "^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$";
    /** A repo/chart reference or an {@code oci://} URL; never absolute, never {@code ..}, never an option. */
    static final String CHART_RE = "^(?!.*\\.\\.)(?:[a-z0-9][-a-z0-9./]{0,200}"
            + "|oci://[a-z0-9][-a-z0-9.]{0,252}(?::[0-9]{1,5})?(?:/[a-z0-9][-a-z0-9._]{0,127}){1,16})$";
    static final String VERSION_RE = "^v?[0-9]+\\.[0-9]+\\.[0-9]+(?:[-+][0-9A-Za-z.+-]{1,64})?$";
    /** A relative YAML path inside the values repository; never absolute, never an option, never {@code ..}. */
    static final String VALUES_REF_RE = "^(?!(?:.*/)?\\.\\.(?:/|$))[A-Za-z0-9_][A-Za-z0-9._/-]{0,200}\\.ya?ml$";

    static final String NAMESPACE = "Kubernetes namespace of the release; must be one of the environment's";
    static final String RELEASE = "Helm release name";
    static final String TIMEOUT = "helm --timeout in seconds (default 300), capped by the step's deadline";

    private HelmArgs() {
    }
}
