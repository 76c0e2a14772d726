package io.carapulse.tools.vault;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.FamilyAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every vault action: the family shape ({@link FamilyAction}) with the environment's Vault as its target
 * (S6). No argument names an address or a namespace: those, and the token, come from the inventory. KV
 * paths, leases and static roles must lie inside what the inventory allows ({@link Args#problems}).
 *
 * @param <A> the action's arguments
 */
public abstract class VaultAction<A extends Record & VaultAction.Args> extends FamilyAction<A, VaultRuntime> {

    /** The arguments of a vault action: each says which of its targets the environment's Vault does not allow. */
    public interface Args {
        /** One line per target outside {@code vault}'s inventory, naming the argument; empty when all are allowed. */
        default List<String> problems(VaultInstance vault) {
            return List.of();
        }
    }

    /** Segments of letters, digits, {@code _ . -}, none starting with {@code .} or {@code -} (so no {@code ..}). */
    private static final String SEGMENT = "[A-Za-z0-9_][A-Za-z0-9_.@-]{0,127}";

    /** A mount path such as {@code secret} or {@code kv/team-a}. */
    public static final String MOUNT = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}){0,7}$";
    /** A KV path inside a mount, {@code app/db} or {@code app/} for a listing. */
    public static final String KV_PATH = "^" + SEGMENT + "(/" + SEGMENT + "){0,31}/?$";
    /** A lease id ({@code database/creds/readonly/2f6a…}) or a lease prefix. */
    public static final String LEASE_ID = "^" + SEGMENT + "(/" + SEGMENT + "){0,31}/?$";
    /** A role or policy name. */
    public static final String ROLE = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";
    /** A policy name. */
    public static final String POLICY = ROLE;
    /** An Enterprise namespace path. */
    public static final String NAMESPACE = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}){0,7}/?$";

    protected static final String MOUNT_DOC = "the KV v2 mount, one of the environment's kv-mounts";
    protected static final String PATH_DOC = "the path inside the mount, under one of the mount's allowed prefixes";
    protected static final String LEASE_DOC = "the lease id, under one of the environment's lease-prefixes";

    /** How many requests a child token may make: what the command needs, plus the CLI's mount preflight. */
    private final int uses;

    protected VaultAction(VaultRuntime runtime, String name, ActionClass actionClass, String description,
                          Class<A> argsType, boolean reversible, Set<Transport> transports, Duration timeout, int uses) {
        super(runtime, name, actionClass, description, argsType, reversible, transports, timeout);
        this.uses = uses;
    }

    /** The use limit of this action's child token. */
    protected final int uses() {
        return uses;
    }

    @Override
    protected final List<String> targets(String environment, A args) {
        List<String> problems = new ArrayList<>(runtime.environmentProblems(environment));
        runtime.declared(environment).ifPresent(v -> problems.addAll(args.problems(v)));
        return problems;
    }

    /** The KV check shared by the KV actions. */
    protected static List<String> kvProblems(VaultInstance vault, String mount, String path) {
        if (!vault.kvMounts().containsKey(mount)) {
            return List.of("mount: " + mount + " is not one of the environment's kv-mounts "
                    + vault.kvMounts().keySet().stream().sorted().toList());
        }
        if (!vault.allowsKv(mount, path)) {
            return List.of("path: " + path + " is not under the allowed prefixes of mount " + mount + " "
                    + vault.kvMounts().get(mount));
        }
        return List.of();
    }

    /** The lease check shared by the lease actions. */
    protected static List<String> leaseProblems(VaultInstance vault, String argument, String lease) {
        return vault.allowsLease(lease) ? List.of() : List.of(argument + ": " + lease
                + " is not under the environment's lease-prefixes " + vault.leasePrefixes());
    }
}
