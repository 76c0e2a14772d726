package io.carapulse.core.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.DefaultHttpHostResolver;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;

/**
 * One answer to "where do people reach this server" for every absolute URL the server builds, its
 * own (sign-in links, logout return) and Micronaut Security's (the OIDC {@code redirect_uri}):
 * {@code carapulse.console.public-url} when set, else the request's {@code Host} with the scheme a
 * trusted proxy reports ({@link ConsoleRequests#publicBase}). Without it the provider would be sent
 * {@code http://} behind a TLS-terminating proxy, and refuse the callback.
 */
@Singleton
@Replaces(DefaultHttpHostResolver.class)
class ConsoleHostResolver implements HttpHostResolver {

    private final ConsoleRequests requests;
    private final ConsoleConfiguration config;

    ConsoleHostResolver(ConsoleRequests requests, ConsoleConfiguration config) {
        this.requests = requests;
        this.config = config;
    }

    @Override
    public String resolve(@Nullable HttpRequest request) {
        if (request == null) {
            return config.publicUrl() != null ? config.publicUrl() : "http://localhost";
        }
        return requests.publicBase(request);
    }
}
