package io.carapulse.llm.codex;

import io.carapulse.api.llm.LlmException;
import io.carapulse.llm.auth.CodexCredential;
import io.carapulse.llm.auth.CodexCredentialSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link CodexCredentialSource} for tests: hands out the current credential and, after a 401,
 * the next one in line (the "refreshed" token), or says the login is gone when none is left.
 */
final class FakeCredentials implements CodexCredentialSource {

    private final Deque<CodexCredential> next;
    private final List<CodexCredential> rejected = new CopyOnWriteArrayList<>();
    private CodexCredential current;
    private RuntimeException currentFailure;

    FakeCredentials(CodexCredential first, CodexCredential... refreshed) {
        this.current = first;
        this.next = new ArrayDeque<>(List.of(refreshed));
    }

    /** A source whose {@link #current()} fails like this. */
    static FakeCredentials failing(RuntimeException failure) {
        FakeCredentials source = new FakeCredentials(null);
        source.currentFailure = failure;
        return source;
    }

    @Override
    public synchronized CodexCredential current() {
        if (currentFailure != null) {
            throw currentFailure;
        }
        return current;
    }

    @Override
    public synchronized CodexCredential afterUnauthorized(CodexCredential rejectedCredential) {
        rejected.add(rejectedCredential);
        if (next.isEmpty()) {
            throw new LlmException.AuthExpired("The refresh token was already used; log in again: "
                    + "assistantctl llm auth login");
        }
        current = next.pop();
        return current;
    }

    /** The credentials passed to {@link #afterUnauthorized}, in order. */
    List<CodexCredential> rejected() {
        return List.copyOf(rejected);
    }
}
