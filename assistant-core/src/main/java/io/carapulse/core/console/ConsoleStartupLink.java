package io.carapulse.core.console;

import io.carapulse.core.token.LocalTokenBootstrap;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the embedded default (a local admin token in {@code ${carapulse.home}/token}), prints a one-time
 * link that signs the local admin in to the console, like a notebook server's token URL. The link
 * works once and for {@code carapulse.console.link-ttl}; the token itself is never logged.
 */
@Singleton
@Order(Ordered.LOWEST_PRECEDENCE)
@Requires(property = "carapulse.bootstrap.local-token", value = "true")
class ConsoleStartupLink implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleStartupLink.class);

    private final LocalTokenBootstrap bootstrap;
    private final TokenService tokens;
    private final ConsoleSessions sessions;
    private final ConsoleConfiguration config;

    ConsoleStartupLink(LocalTokenBootstrap bootstrap, TokenService tokens, ConsoleSessions sessions,
                       ConsoleConfiguration config) {
        this.bootstrap = bootstrap;
        this.tokens = tokens;
        this.sessions = sessions;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        int port = event.getSource().getPort();
        if (port <= 0) {
            return;
        }
        Optional<TokenService.Holder> admin;
        try {
            admin = tokens.holder(Files.readString(bootstrap.ensure(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            LOG.warn("No console sign-in link: cannot read the local admin token ({})", e.getClass().getSimpleName());
            return;
        }
        if (admin.isEmpty()) {
            return;
        }
        String code = sessions.createLink(admin.get().actor(), admin.get().tokenId(), config.linkTtl()).code();
        String base = config.publicUrl() != null ? config.publicUrl() : "http://localhost:" + port;
        LOG.info("Console: {}/login/link?code={} (signs the local admin in once, within {})", base, code,
                config.linkTtl().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
    }
}
