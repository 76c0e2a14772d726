package io.carapulse.tools.vault;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * The Vault family's view of one environment as written under {@code carapulse.environments.<name>}: only
 * its {@code vault} block, raw values that {@link VaultSection} validates at start-up.
 *
 * @param name  the environment's name (the map key)
 * @param vault the block, or null when the environment declares no Vault
 */
@EachProperty("carapulse.environments")
public record VaultProperties(@Parameter String name, @Nullable Server vault) {

    /**
     * {@code carapulse.environments.<name>.vault.*}, raw.
     *
     * @param address             the Vault address, {@code https://vault.example.com:8200}
     * @param namespace           the Vault Enterprise namespace, if any
     * @param auth                how the server logs in: {@code method}, {@code mount}, {@code role},
     *                            {@code jwt-path}, {@code role-id}, {@code secret-id}, {@code token}
     * @param childPolicies       the policies a CLI call's child token gets (a subset of the server's)
     * @param kvMounts            KV v2 mount → the path prefixes steps may name
     * @param leasePrefixes       the lease id prefixes steps may look up, renew and revoke
     * @param databaseStaticRoles the database static roles steps may rotate, as {@code <mount>/<role>}
     */
    @ConfigurationProperties("vault")
    public record Server(
            @Nullable String address,
            @Nullable String namespace,
            @Nullable Map<String, Object> auth,
            @Nullable List<String> childPolicies,
            @Nullable Map<String, Object> kvMounts,
            @Nullable List<String> leasePrefixes,
            @Nullable List<String> databaseStaticRoles) {
    }
}
