package io.carapulse.api.audit;

import io.carapulse.api.dto.AuditCheckpointView;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signed checkpoints of the audit chain: an Ed25519 signature, by a key kept outside the database,
 * over the chain head. The hash chain alone only shows that records are consistent with each other;
 * someone who can write the database can edit a record and recompute every later hash. A checkpoint
 * pins the hash of record {@code seq}, so such a re-chained history no longer matches it.
 *
 * <p>What is signed is the canonical payload {@link #payload}: UTF-8 text, one {@code name=value}
 * per line, in this order, each line ending with a newline:
 * <pre>
 * carapulse-audit-checkpoint v1
 * id=3
 * seq=1207
 * hash=&lt;64 hex digits&gt;
 * created=2026-11-24T10:00:00.123456Z
 * keyId=&lt;16 hex digits&gt;
 * </pre>
 * Keys are PEM files as {@code openssl genpkey -algorithm ed25519} writes them (PKCS#8,
 * {@code BEGIN PRIVATE KEY}) and {@code openssl pkey -pubout} derives ({@code BEGIN PUBLIC KEY}).
 * Messages never contain key material.
 */
public final class Checkpoints {

    public static final String ALGORITHM = "Ed25519";
    static final String HEADER = "carapulse-audit-checkpoint v1";

    private Checkpoints() {
    }

    /** The exact bytes (as UTF-8) that are signed. */
    public static String payload(long id, long seq, String hash, Instant created, String keyId) {
        return HEADER + "\nid=" + id + "\nseq=" + seq + "\nhash=" + hash + "\ncreated=" + created + "\nkeyId=" + keyId
                + "\n";
    }

    public static String payload(AuditCheckpointView c) {
        return payload(c.id(), c.seq(), c.hash(), c.createdAt(), c.keyId());
    }

    /** Signs {@code payload}; the signature as base64. */
    public static String sign(PrivateKey key, String payload) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Whether {@code signature} (base64) is {@code key}'s signature of {@code payload}; never throws for bad input. */
    public static boolean verify(PublicKey key, String payload, String signature) {
        if (signature == null) {
            return false;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(signature);
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.verify(raw);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether {@code c} carries {@code key}'s valid signature of its own fields. */
    public static boolean verify(PublicKey key, AuditCheckpointView c) {
        return verify(key, payload(c), c.signature());
    }

    /** The short id of a public key: the first 16 hex digits of the sha256 of its X.509 encoding. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Reads an Ed25519 private key from PEM ({@code BEGIN PRIVATE KEY}, unencrypted PKCS#8).
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the input
     */
    public static PrivateKey privateKey(String pem) {
        byte[] der = pemBody(pem, "PRIVATE KEY", "an Ed25519 private key");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("is not an Ed25519 private key (create one with "
                    + "'openssl genpkey -algorithm ed25519')");
        }
    }

    /**
     * Reads an Ed25519 public key from PEM ({@code BEGIN PUBLIC KEY}).
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the input
     */
    public static PublicKey publicKey(String pem) {
        byte[] der = pemBody(pem, "PUBLIC KEY", "an Ed25519 public key");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("is not an Ed25519 public key (derive it from the private key with "
                    + "'openssl pkey -in key.pem -pubout')");
        }
    }

    /** The public half of an Ed25519 private key. */
    public static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalArgumentException("is not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        try {
            // the JDK has no call that derives the public key; its generator derives it from 32 random
            // bytes, so it is handed the private key's bytes as its "randomness"
            KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
            g.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = g.generateKeyPair();
            byte[] regenerated = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            String probe = HEADER + " key check";
            if (!Arrays.equals(regenerated, seed) || !verify(pair.getPublic(), probe, sign(key, probe))) {
                throw new IllegalStateException("the public key could not be derived from the private key");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** {@code key} as PEM ({@code BEGIN PUBLIC KEY}). */
    public static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** {@code key} as PEM ({@code BEGIN PRIVATE KEY}, PKCS#8). */
    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] pemBody(String pem, String label, String what) {
        String text = pem == null ? "" : pem;
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (from < 0 || to < 0) {
            if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
                throw new IllegalArgumentException("is an encrypted private key; Carapulse needs it unencrypted "
                        + "(keep the file itself protected, mode 0600)");
            }
            if (text.contains("-----BEGIN OPENSSH PRIVATE KEY-----")) {
                throw new IllegalArgumentException("is an OpenSSH key; write " + what + " in PEM with "
                        + "'openssl genpkey -algorithm ed25519'");
            }
            throw new IllegalArgumentException("is not " + what + " in PEM form ('" + begin + "')");
        }
        try {
            byte[] der = Base64.getDecoder().decode(text.substring(from + begin.length(), to).replaceAll("\\s", ""));
            if (der.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not " + what + " in PEM form (its base64 is damaged)");
        }
    }

    /** Hands out the same bytes as "randomness": only for {@link #publicKeyOf}. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("unexpected request for " + out.length + " bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
