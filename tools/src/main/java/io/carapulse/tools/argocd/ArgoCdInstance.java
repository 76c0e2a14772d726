package io.carapulse.tools.argocd;

import io.carapulse.config.InventoryPart;
import io.carapulse.config.SecretRef;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Argo CD of an environment ({@code carapulse.environments.<env>.argocd}): where argocd steps go and
 * the only projects whose applications they may name (S6).
 *
 * @param server   Argo CD server, as the CLI's {@code --server} takes it
 * @param token    API token
 * @param projects the only Argo CD projects whose applications steps may name
 */
public record ArgoCdInstance(String server, SecretRef token, Set<String> projects) implements InventoryPart {

    public ArgoCdInstance {
        projects = Set.copyOf(projects);
    }

    /** The projects, without the server or anything about the token. */
    @Override
    public List<String> describe() {
        return List.of("Argo CD (the runtime adds the server); projects: "
                + String.join(", ", new TreeSet<>(projects)));
    }
}
