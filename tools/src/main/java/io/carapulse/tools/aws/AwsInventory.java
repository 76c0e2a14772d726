package io.carapulse.tools.aws;

import java.util.List;
import java.util.Optional;

/**
 * The {@code aws} section of an environment (S6): the accounts its steps may act in and what its
 * writes may touch. Built only by {@link AwsInventoryValidation#validate}, so every instance was
 * checked key by key.
 *
 * @param accounts the accounts, by unique name, in declaration order
 * @param allow    what writes (and log queries) may touch; nothing when the section lists nothing
 */
public record AwsInventory(List<AwsAccount> accounts, AwsAllowList allow) {

    public AwsInventory {
        accounts = List.copyOf(accounts);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("an aws section needs at least one account");
        }
    }

    /** The account called {@code name}, if the environment declares it. */
    public Optional<AwsAccount> account(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
