package io.carapulse.core.broker;

import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replicas use the broker, and with which keys ({@code broker_replica}): a replica with a key
 * encryption key writes its key ids (never a key) at start-up and every {@value #BEAT_SECONDS} s, and
 * removes its row when it stops. {@link #lacking} tells key rotation which replicas seen within
 * {@link #FRESH} do not hold a key, so a rotation never re-wraps the secrets under a key another
 * running replica cannot use.
 */
@Singleton
public class BrokerReplicas {

    static final int BEAT_SECONDS = 20;
    /** A replica not seen for this long is gone (stopped without removing its row, or killed). */
    static final Duration FRESH = Duration.ofSeconds(BEAT_SECONDS * 3L);
    private static final Duration FORGET = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(BrokerReplicas.class);

    /** A replica that does not hold a key: who, and how long ago it was seen. */
    public record Replica(String instance, String label, List<String> kekIds, Instant seenAt) {
    }

    private final BrokerKeys keys;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final String instance;
    private final String label;

    public BrokerReplicas(BrokerKeys keys, JdbcOperations jdbc, TransactionOperations<Connection> tx, Clock clock) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.instance = Ids.replica();
        this.label = ProcessHandle.current().pid() + "@" + host();
    }

    /**
     * The first beat, once the server has started: not while it starts (a server that stops on a configuration
     * mistake touches no database), and not 20 s later (a rotation must see this replica from the start).
     */
    @EventListener
    void started(StartupEvent event) {
        beat();
    }

    /** This replica's id in {@code broker_replica}. */
    public String instance() {
        return instance;
    }

    /** Writes this replica's row (when it has keys) and forgets replicas gone for an hour. */
    @Scheduled(fixedDelay = BEAT_SECONDS + "s", initialDelay = BEAT_SECONDS + "s")
    public void beat() {
        if (keys.keyring().isEmpty()) {
            return;
        }
        String ids = String.join(",", keys.keyring().get().ids());
        Instant now = Times.now(clock);
        try {
            tx.executeWrite(s -> {
                int updated = jdbc.prepareStatement("UPDATE broker_replica SET kek_ids = ?, seen_at = ? WHERE instance = ?", ps -> {
                    ps.setString(1, ids);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, instance);
                    return ps.executeUpdate();
                });
                if (updated == 0) {
                    jdbc.prepareStatement("INSERT INTO broker_replica (instance, label, kek_ids, seen_at) VALUES (?, ?, ?, ?)", ps -> {
                        ps.setString(1, instance);
                        ps.setString(2, label);
                        ps.setString(3, ids);
                        ps.setTimestamp(4, Timestamp.from(now));
                        return ps.executeUpdate();
                    });
                }
                jdbc.prepareStatement("DELETE FROM broker_replica WHERE seen_at < ?", ps -> {
                    ps.setTimestamp(1, Timestamp.from(now.minus(FORGET)));
                    return ps.executeUpdate();
                });
                return null;
            });
        } catch (RuntimeException e) {
            // the next beat tries again; rotation only looks at replicas seen recently
            LOG.warn("credential broker: cannot record this replica's keys: {}", e.getMessage());
        }
    }

    /** The other replicas seen within {@link #FRESH} whose keys do not include {@code kekId}. */
    public List<Replica> lacking(String kekId) {
        Instant since = Times.now(clock).minus(FRESH);
        return tx.executeRead(s -> jdbc.prepareStatement(
                "SELECT instance, label, kek_ids, seen_at FROM broker_replica WHERE seen_at >= ? AND instance <> ?"
                        + " ORDER BY label", ps -> {
                    ps.setTimestamp(1, Timestamp.from(since));
                    ps.setString(2, instance);
                    List<Replica> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            List<String> ids = Arrays.asList(rs.getString(3).split(","));
                            if (!ids.contains(kekId)) {
                                out.add(new Replica(rs.getString(1), rs.getString(2), ids, rs.getTimestamp(4).toInstant()));
                            }
                        }
                    }
                    return out;
                }));
    }

    /** Removes this replica's row when it stops (a killed replica's row ages out). */
    @PreDestroy
    void leave() {
        try {
            tx.executeWrite(s -> jdbc.prepareStatement("DELETE FROM broker_replica WHERE instance = ?", ps -> {
                ps.setString(1, instance);
                return ps.executeUpdate();
            }));
        } catch (RuntimeException e) {
            LOG.debug("credential broker: cannot remove this replica's row: {}", e.getMessage());
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
