package io.carapulse.core.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Clock;
import java.util.Date;
import java.util.Set;

/**
 * The claim checks on top of the signature: {@code iss} exactly the configured issuer, {@code aud}
 * containing the audience, {@code sub} and {@code exp} present (a token that never expires is
 * refused), {@code exp}/{@code nbf} against the clock with the configured skew, and an {@code iat}
 * that is not in the future.
 */
final class OidcClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    private final Clock clock;

    OidcClaimsVerifier(String issuer, String audience, int clockSkewSeconds, Clock clock) {
        super(Set.of(audience), new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iss", "aud"),
                null);
        setMaxClockSkew(clockSkewSeconds);
        this.clock = clock;
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        super.verify(claims, context);
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new BadJWTException("JWT sub claim is blank");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(clock.instant().plusSeconds(getMaxClockSkew()))) {
            throw new BadJWTException("JWT issued in the future");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.after(claims.getExpirationTime())) {
            throw new BadJWTException("JWT nbf is after its exp");
        }
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }
}
