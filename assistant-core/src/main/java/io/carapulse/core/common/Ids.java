package io.carapulse.core.common;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Opaque identifiers such as {@code pln_01jd6k3q8x2m4t7v9w0y1z2a3b}: a type prefix, then a
 * time-ordered, random, lower-case Crockford base32 body (48 bits of milliseconds, 80 random bits).
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String plan() {
        return next("pln");
    }

    public static String approval() {
        return next("apr");
    }

    public static String execution() {
        return next("exe");
    }

    public static String stepRun() {
        return next("stp");
    }

    public static String evidence() {
        return next("evd");
    }

    /** A follow-up of a step's evidence (a CloudTrail lookup made after the step ended). */
    public static String followUp() {
        return next("fup");
    }

    public static String session() {
        return next("ses");
    }

    public static String turn() {
        return next("trn");
    }

    public static String token() {
        return next("tok");
    }

    /** An approval channel (a Linear issue, a PagerDuty incident of one approval). */
    public static String channel() {
        return next("chn");
    }

    /** A full verification of the audit chain, run in the background. */
    public static String auditVerifyJob() {
        return next("avj");
    }

    /** One recorded version of a runbook. */
    public static String runbookVersion() {
        return next("rbv");
    }

    /** A runbook schedule. */
    public static String schedule() {
        return next("sch");
    }

    /** A standing approval of a runbook version. */
    public static String standingApproval() {
        return next("sta");
    }

    /** A time-boxed change's scheduled revert. */
    public static String revert() {
        return next("rvt");
    }

    /** A secret held by the credential broker (encrypted; the id says nothing about it). */
    public static String secret() {
        return next("sec");
    }

    /** An integration of the credential broker (a linked GitHub, GitLab, Jira or generic credential). */
    public static String integration() {
        return next("int");
    }

    /** A GitLab credential provider of the credential broker (it mints an identity per integration). */
    public static String credentialProvider() {
        return next("cpr");
    }

    /** A running server, as the credential broker's replica registry knows it. */
    public static String replica() {
        return next("rep");
    }

    /** A person's OAuth connection to GitHub or GitLab. */
    public static String connection() {
        return next("con");
    }

    static String next(String prefix) {
        long millis = Instant.now().toEpochMilli();
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        StringBuilder sb = new StringBuilder(prefix.length() + 27).append(prefix).append('_');
        for (int shift = 45; shift >= 0; shift -= 5) {
            sb.append(ALPHABET[(int) ((millis >>> shift) & 31)]);
        }
        long bits = 0;
        int available = 0;
        for (byte b : random) {
            bits = (bits << 8) | (b & 0xff);
            available += 8;
            while (available >= 5) {
                available -= 5;
                sb.append(ALPHABET[(int) ((bits >>> available) & 31)]);
            }
        }
        return sb.toString();
    }
}
