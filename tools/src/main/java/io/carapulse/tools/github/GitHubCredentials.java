package io.carapulse.tools.github;

import io.carapulse.config.SecretRef;

/**
 * How an environment authenticates to GitHub: exactly one of a token reference, a GitHub App, or none
 * ({@code token: none}: anonymous reads). Only references: the secret is read when a call needs it
 * ({@link GitHubRuntime}), never kept in a record.
 */
public sealed interface GitHubCredentials {

    /** A personal access token or any other token, read from {@code ref} for each call. */
    record Token(SecretRef ref) implements GitHubCredentials {
    }

    /**
     * A GitHub App installation: the runtime signs the app's JWT with the private key read from
     * {@code privateKey} and exchanges it for a one-hour installation token ({@link GitHubAppTokens}).
     */
    record App(long appId, long installationId, SecretRef privateKey) implements GitHubCredentials {
    }

    /**
     * No credential ({@code token: none}, the seeds' {@code none} auth mode): calls are anonymous, which GitHub answers
     * for public repositories only, at its anonymous rate limit (60 requests an hour per address). Only reads: a
     * write is refused when its plan is made. Through the HTTP API only ({@code gh} needs a login).
     */
    record Anonymous() implements GitHubCredentials {
    }
}
