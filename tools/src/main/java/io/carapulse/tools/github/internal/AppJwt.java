package io.carapulse.tools.github.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON Web Token a GitHub App authenticates as: RS256, {@code iss} the app id, issued a minute in the
 * past (GitHub's advice against clock drift) and expiring nine minutes from now, ten after it was issued
 * (GitHub's maximum). The private key is the PEM GitHub hands out, PKCS#1 ({@code BEGIN RSA PRIVATE KEY}),
 * or PKCS#8 ({@code BEGIN PRIVATE KEY}); read with the JDK alone. No message ever quotes the key.
 */
public final class AppJwt {

    /** How far back {@code iat} is set. */
    public static final Duration ISSUED_BEFORE = Duration.ofSeconds(60);
    /** How long after now the token expires: GitHub refuses more than ten minutes after {@code iat}. */
    public static final Duration LIFETIME = Duration.ofMinutes(9);

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (RSA PRIVATE KEY|PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** {@code SEQUENCE { OID rsaEncryption, NULL }}: the algorithm of a PKCS#8 RSA key. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private AppJwt() {
    }

    /**
     * The RSA private key in {@code pem}.
     *
     * @throws IllegalArgumentException naming what is wrong, never quoting the text
     */
    public static RSAPrivateKey privateKey(String pem) {
        Matcher m = PEM.matcher(pem == null ? "" : pem);
        if (!m.find()) {
            throw new IllegalArgumentException("it holds no RSA private key in PEM (BEGIN RSA PRIVATE KEY or BEGIN "
                    + "PRIVATE KEY)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its PEM block is not base64");
        }
        byte[] pkcs8 = "RSA PRIVATE KEY".equals(m.group(1)) ? pkcs8(der) : der;
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("its PEM block is not an RSA private key");
        } finally {
            Arrays.fill(der, (byte) 0);
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The app's JWT, signed with {@code key}, valid from a minute before {@code now} to nine minutes after. */
    public static String sign(long appId, RSAPrivateKey key, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(String.valueOf(appId))
                .issueTime(Date.from(now.minus(ISSUED_BEFORE)))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the key cannot sign RS256: " + e.getClass().getSimpleName());
        }
        return jwt.serialize();
    }

    /** Wraps a PKCS#1 {@code RSAPrivateKey} in PKCS#8's {@code PrivateKeyInfo}. */
    private static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00}); // version 0
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04); // OCTET STRING
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30); // SEQUENCE
        out.writeBytes(length(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** A DER length. */
    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        if (n < 0x100) {
            return new byte[] {(byte) 0x81, (byte) n};
        }
        if (n < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
}
