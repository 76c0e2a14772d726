package io.carapulse.llm.auth;

import io.carapulse.api.error.PermanentException;

/**
 * An import or login that could not happen: a missing or unreadable source file, a format that holds
 * no ChatGPT tokens, a login that failed. The message is one line for people, says what to do, and
 * never contains a token.
 */
public final class AuthImportException extends PermanentException {

    public static final String CODE = "llm_auth_import_failed";

    public AuthImportException(String message) {
        super(CODE, message);
    }
}
