package io.carapulse.approvals.http;

import io.carapulse.api.redact.Redactor;
import java.util.Collection;

/** What a service said when it refused: quoted for people, redacted, capped. */
public final class ErrorText {

    private static final int MAX = 300;

    private ErrorText() {
    }

    /** {@code text} with every known secret value and credential shape masked, at most 300 characters. */
    public static String quote(String text, Collection<String> secrets) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String clean = Redactor.patterns().with(secrets).redact(text.strip().replaceAll("\\s+", " "));
        return clean.length() > MAX ? clean.substring(0, MAX) + "…" : clean;
    }
}
