package io.carapulse.core.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.regex.Pattern;

/**
 * The one place that says which email an OIDC token proves. Only the {@code email} claim counts, and
 * not when {@code email_verified} says anything but true; {@code sub}, {@code name} and
 * {@code preferred_username} never do, whatever they look like: an issuer lets people choose those,
 * and an email there would let anyone pass for the person on call.
 */
public final class OidcEmails {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MAX_LENGTH = 200;

    private OidcEmails() {
    }

    /**
     * The caller's verified email, or null.
     *
     * @param claims          the token's verified claims
     * @param requireVerified when true, the email counts only if {@code email_verified} is {@code true};
     *                        when false, it also counts when the token carries no {@code email_verified}
     *                        (many issuers put only addresses they checked into access tokens and omit the
     *                        flag). A flag that is present counts only as {@code true} (or the string
     *                        "true"): {@code false} or anything unclear means not verified.
     * @return the {@code email} claim as the issuer wrote it, or null when it is absent, not an address,
     *         or not verified as required
     */
    public static String verifiedEmail(JWTClaimsSet claims, boolean requireVerified) {
        Object email = claims.getClaim("email");
        if (!(email instanceof String address) || address.length() > MAX_LENGTH
                || !ADDRESS.matcher(address).matches()) {
            return null;
        }
        Object verified = claims.getClaim("email_verified");
        boolean checked = Boolean.TRUE.equals(verified) || "true".equals(verified);
        if (verified != null ? !checked : requireVerified) {
            return null;
        }
        return address;
    }
}
