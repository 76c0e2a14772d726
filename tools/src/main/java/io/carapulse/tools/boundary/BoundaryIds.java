package io.carapulse.tools.boundary;

import java.util.regex.Pattern;

/**
 * The shapes of Boundary's identifiers (a type prefix, {@code _}, ten base62 characters), as whole-string
 * patterns for arguments and inventory checks. None can start with {@code -} (S5), and the well-known
 * ids ({@code u_anon}, {@code u_auth}, {@code u_recovery}) do not match, so access is never granted to
 * "anyone".
 */
public final class BoundaryIds {

    /** A scope: {@code global}, an org {@code o_…} or a project {@code p_…}. */
    public static final String SCOPE = "^(global|o_[A-Za-z0-9]{10}|p_[A-Za-z0-9]{10})$";

    /** A target id ({@code ttcp_…}, {@code tssh_…}, {@code trdp_…}). */
    public static final String TARGET_ID = "^t[a-z]{2,4}_[A-Za-z0-9]{10}$";

    /** A target as steps name it: its id or its name (letters, digits, {@code . _ -}; no quotes, no spaces). */
    public static final String TARGET = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

    /** A role. */
    public static final String ROLE = "^r_[A-Za-z0-9]{10}$";

    /** A principal access may be granted to: a user, a group, or an OIDC/LDAP managed group. */
    public static final String PRINCIPAL = "^(u|g|mgoidc|mgldap)_[A-Za-z0-9]{10}$";

    /** A user. */
    public static final String USER = "^u_[A-Za-z0-9]{10}$";

    /** A session. */
    public static final String SESSION = "^s_[A-Za-z0-9]{10}$";

    /** A password auth method. */
    public static final String PASSWORD_AUTH_METHOD = "^ampw_[A-Za-z0-9]{10}$";

    private static final Pattern TARGET_ID_PATTERN = Pattern.compile(TARGET_ID);

    private BoundaryIds() {
    }

    /** Whether {@code target} is a target id rather than a name. */
    public static boolean isTargetId(String target) {
        return TARGET_ID_PATTERN.matcher(target).matches();
    }
}
