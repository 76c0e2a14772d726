package io.carapulse.core.broker.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a secret's ciphertext (and its wrapped data key) is bound to: {@code carapulse-secret/v1|<owner>|<name>},
 * e.g. {@code carapulse-secret/v1|integration:int_01…|github:token}. GCM authenticates it, so a ciphertext
 * copied to another owner or name does not decrypt. The {@code v1} is the binding's format; a new format
 * gets a new version and the old one stays readable.
 */
public final class AssociatedData {

    /** The longest owner or name, as the {@code broker_secret} columns hold. */
    public static final int MAX_LENGTH = 200;
    private static final String PREFIX_V1 = "carapulse-secret/v1|";

    private AssociatedData() {
    }

    /** The binding of format version 1, as text (the KMS encryption context value). */
    public static String text(String owner, String name) {
        check("owner", owner);
        check("name", name);
        return PREFIX_V1 + owner + "|" + name;
    }

    /** The binding of format version 1, as the bytes GCM authenticates. */
    public static byte[] of(String owner, String name) {
        return text(owner, name).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Refuses what would make the binding ambiguous ({@code |}, control characters) or not fit the table.
     *
     * @throws IllegalArgumentException naming the part, never a secret (owners and names are not secret)
     */
    public static void check(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret's " + what + " is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a secret's " + what + " is at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '|' || Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("a secret's " + what + " '" + value
                        + "' may not contain '|', spaces or control characters");
            }
        }
    }
}
