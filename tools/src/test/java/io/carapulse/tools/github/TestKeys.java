package io.carapulse.tools.github;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * An RSA key pair for a test GitHub App, and its private key as GitHub hands it out (PKCS#1, {@code BEGIN RSA
 * PRIVATE KEY}) or as PKCS#8 ({@code BEGIN PRIVATE KEY}).
 */
record TestKeys(KeyPair pair) {

    static TestKeys generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return new TestKeys(g.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String pkcs8Pem() {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** The PKCS#1 key inside the JDK's PKCS#8 encoding: after its 26-byte header for a 2048-bit key. */
    String pkcs1Pem() {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        if ((pkcs8[0] & 0xff) != 0x30 || (pkcs8[1] & 0xff) != 0x82 || (pkcs8[22] & 0xff) != 0x04
                || (pkcs8[23] & 0xff) != 0x82) {
            throw new IllegalStateException("unexpected PKCS#8 layout");
        }
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
    }

    /** The lines of the key's base64 body: none may ever surface. */
    String[] bodyLines(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).toArray(String[]::new);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
