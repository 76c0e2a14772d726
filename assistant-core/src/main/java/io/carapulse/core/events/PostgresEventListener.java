package io.carapulse.core.events;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's change feed for execution events: one connection per replica (outside the pool)
 * that {@code LISTEN}s on {@value EventLog#CHANNEL} and hands each notification to the
 * {@link EventFeed}, so followers on this replica see commits made on any other. When the connection
 * is lost the feed polls until it is back (and then reads once more); reconnecting backs off up to
 * 5 s.
 */
@Singleton
@Requires(property = "datasources.default.url", pattern = "jdbc:postgresql:.*")
public class PostgresEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventListener.class);
    private static final int WAIT_MILLIS = 500;

    private final EventFeed feed;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean running = true;
    private volatile Thread thread;

    public PostgresEventListener(EventFeed feed, @Value("${datasources.default.url}") String url,
                                 @Value("${datasources.default.username:}") String username,
                                 @Value("${datasources.default.password:}") String password) {
        this.feed = feed;
        this.url = url;
        if (!username.isEmpty()) {
            credentials.setProperty("user", username);
        }
        if (!password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", "carapulse-events");
        // until the first LISTEN is in place, commits on other replicas reach us only by polling
        feed.changeFeedHealthy(false);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        Thread t = new Thread(this::listen, "carapulse-events-listener");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void listen() {
        long backoff = 100;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, credentials)) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + EventLog.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                feed.changeFeedHealthy(true);
                backoff = 100;
                while (running) {
                    PGNotification[] batch = pg.getNotifications(WAIT_MILLIS);
                    if (batch != null) {
                        for (PGNotification n : batch) {
                            dispatch(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                feed.changeFeedHealthy(false);
                LOG.warn("event change feed: {} (reconnecting in {} ms)", e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private void dispatch(String payload) {
        int colon = payload.lastIndexOf(':');
        if (colon <= 0) {
            return;
        }
        try {
            feed.committed(payload.substring(0, colon), Long.parseLong(payload.substring(colon + 1)));
        } catch (NumberFormatException ignored) {
            // not one of ours: the channel is Carapulse's, but nothing stops another client writing to it
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
