package io.carapulse.api.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is stored, streamed, logged or sent to a model (S4): every
 * known secret value by value, then well-known credential shapes by pattern. Immutable and
 * thread-safe; {@link #with(Collection)} makes a redactor that also knows a call's lease values.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    /** Values shorter than this are not masked by value: masking "a" everywhere hides nothing. */
    static final int MIN_VALUE_LENGTH = 4;

    /**
     * The value after a credential key: a double-quoted string whole (escapes included), a
     * single-quoted string whole, or a bare token of at least three characters.
     */
    private static final String VALUE = "(?:\"((?:[^\"\\\\\\r\\n]|\\\\.)+)\"|'([^'\\r\\n]+)'"
            + "|\\\\?[\"']?([^\\s\"'&,;}\\\\]{3,}))";

    /** A YAML value: quoted as above, or a plain scalar, which runs to the end of its line. */
    private static final String YAML_VALUE = "(?:\"((?:[^\"\\\\\\r\\n]|\\\\.)+)\"|'([^'\\r\\n]+)'"
            + "|([^\\s\"'](?:[^\\r\\n]*\\S)?))";

    /**
     * Not a Carapulse API token's id: {@code token:tok_01…} is how the audit, errors and messages name a token as an
     * actor ({@code tok_} and 26 lowercase base-32 characters, public like any id), never the token, which is
     * {@code cpt_…} (masked by its own rule wherever it appears).
     */
    private static final String NOT_AN_ACTOR = "(?!tok_[0-9a-z]{26}(?![0-9A-Za-z_-]))";

    /** The kind of secret the credential-key rules find (YAML fields, key=value, JSON members). */
    private static final String CREDENTIAL_FIELD = "value of a credential key such as password, token or secret";

    private static final List<Rule> RULES = List.of(
            // PEM blocks (private keys, certificates, anything armoured)
            new Rule("private key or certificate block", Pattern.compile(
                    "-----BEGIN ([A-Z0-9 ]+)-----[\\s\\S]*?-----END \\1-----"), 0),
            // JSON Web Tokens
            new Rule("JSON Web Token", Pattern.compile(
                    "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), 0),
            // AWS long-term access key ids and unique ids; a temporary key id (ASIA…) is kept: it is
            // useless without its secret and session token (both masked) and is the key that joins an
            // action's evidence to CloudTrail
            new Rule("AWS access key id", Pattern.compile("\\b(?:AKIA|AROA|AIDA)[A-Z0-9]{16}\\b"), 0),
            // Carapulse API tokens
            new Rule("Carapulse API token", Pattern.compile("\\bcpt_[A-Za-z0-9_-]{20,}"), 0),
            // Vault service/batch/recovery tokens, GitHub and GitLab tokens, Slack tokens
            new Rule("Vault token", Pattern.compile("\\bhv[sbr]\\.[A-Za-z0-9_-]{20,}"), 0),
            new Rule("GitHub token", Pattern.compile(
                    "\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"), 0),
            new Rule("GitLab token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}"), 0),
            new Rule("Slack token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), 0),
            // credentials in URLs: scheme://user:password@host
            new Rule("password in a URL", Pattern.compile(
                    "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:([^@\\s/]+)@"), 1),
            // Authorization: Bearer/Basic <credential>
            new Rule("Bearer or Basic credential", Pattern.compile(
                    "(?i)\\b(?:bearer|basic)\\s+([A-Za-z0-9._~+/=-]{8,})"), 1),
            // kubeconfig / YAML credential fields
            // (the value is the rest of the line: a plain YAML scalar may contain spaces)
            new Rule(CREDENTIAL_FIELD, Pattern.compile(
                    "(?im)^[ \\t]*-?[ \\t]*(?:client-key-data|client-certificate-data|token|id-token|refresh-token"
                            + "|password|secret)[ \\t]*:[ \\t]*" + NOT_AN_ACTOR + YAML_VALUE), 1),
            // key=value / "key": "value" pairs whose key names a credential
            // (also camelCase and prefixed names: clientSecret, accessToken, vault's client_token;
            // and JSON escaped inside a string, as in kubectl's last-applied-configuration)
            new Rule(CREDENTIAL_FIELD, Pattern.compile(
                    "(?i)(?:\\\\?[\"'])?\\b(?:password|passwd|pwd|token|secret"
                            + "|(?:access|refresh|id|client|auth|session|bearer)[_-]?token|client[_-]?secret"
                            + "|api[_-]?key|secret[_-]?access[_-]?key|aws_secret_access_key)\\b(?:\\\\?[\"'])?"
                            + "[ \\t]*[=:][ \\t]*" + NOT_AN_ACTOR + VALUE), 1));

    private static final Redactor PATTERNS_ONLY = new Redactor(List.of());

    private final List<String> values;

    private Redactor(List<String> values) {
        this.values = values;
    }

    /** A redactor that knows only the built-in patterns. */
    public static Redactor patterns() {
        return PATTERNS_ONLY;
    }

    /** A redactor that also masks each of {@code secretValues} wherever it appears. */
    public Redactor with(Collection<String> secretValues) {
        List<String> merged = new ArrayList<>(values);
        for (String v : secretValues) {
            if (v != null && v.length() >= MIN_VALUE_LENGTH && !merged.contains(v)) {
                merged.add(v);
            }
        }
        // longest first, so a secret that contains another is masked whole
        merged.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(merged));
    }

    /** The text with every secret masked; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            out = out.replace(v, MASK);
        }
        for (Rule rule : RULES) {
            out = rule.apply(out);
        }
        return out;
    }

    /**
     * What kind of secret {@code text} holds, or empty if {@link #redact(String)} would leave it as
     * it is: a value this redactor was given ({@code "known secret value"}) or the first of the
     * well-known credential shapes that matches (e.g. {@code "GitHub token"}). The kind never
     * contains any of the text.
     */
    public Optional<String> secretKind(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        for (String v : values) {
            if (text.contains(v)) {
                return Optional.of("known secret value");
            }
        }
        return RULES.stream().filter(rule -> rule.finds(text)).map(Rule::kind).findFirst();
    }

    /** Whether {@link #redact(String)} would mask anything in {@code text}. */
    public boolean containsSecret(String text) {
        return secretKind(text).isPresent();
    }

    /**
     * A filter for output that arrives one line at a time (live events), where a multi-line secret
     * such as a PEM block never appears whole: it masks every line between a BEGIN and an END
     * armour line. One instance per stream; not shared between streams.
     */
    public Lines lines() {
        return new Lines(this);
    }

    /** See {@link #lines()}. */
    public static final class Lines {

        private static final Pattern BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]+-----");
        private static final Pattern END = Pattern.compile("-----END [A-Z0-9 ]+-----");

        private final Redactor redactor;
        private boolean insideArmour;

        private Lines(Redactor redactor) {
            this.redactor = redactor;
        }

        /** The line with every secret masked, given the lines that came before it. */
        public synchronized String redact(String line) {
            if (line == null) {
                return null;
            }
            if (insideArmour) {
                if (END.matcher(line).find()) {
                    insideArmour = false;
                    return redactor.redact(line);
                }
                return MASK;
            }
            if (BEGIN.matcher(line).find() && !END.matcher(line).find()) {
                insideArmour = true;
            }
            return redactor.redact(line);
        }
    }

    /** Each element redacted. */
    public List<String> redactAll(List<String> texts) {
        return texts.stream().map(this::redact).toList();
    }

    private record Rule(String kind, Pattern pattern, int group) {
        Rule {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(pattern);
        }

        /** Whether {@link #apply(String)} would mask anything in {@code text}. */
        boolean finds(String text) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (participating(m) >= 0) {
                    return true;
                }
            }
            return false;
        }

        String apply(String text) {
            Matcher m = pattern.matcher(text);
            if (!m.find()) {
                return text;
            }
            StringBuilder sb = new StringBuilder(text.length());
            int last = 0;
            do {
                int g = participating(m);
                if (g < 0) {
                    continue;
                }
                int start = m.start(g);
                int end = m.end(g);
                sb.append(text, last, start).append(MASK);
                last = end;
            } while (m.find());
            sb.append(text, last, text.length());
            return sb.toString();
        }

        /** {@code group} itself, or for alternatives the first group from {@code group} on that matched. */
        private int participating(Matcher m) {
            if (group == 0) {
                return 0;
            }
            for (int g = group; g <= m.groupCount(); g++) {
                if (m.start(g) >= 0) {
                    return g;
                }
            }
            return -1;
        }
    }
}
