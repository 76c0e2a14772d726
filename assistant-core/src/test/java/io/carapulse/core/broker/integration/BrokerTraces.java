package io.carapulse.core.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Where a secret could leak to, for the canary tests of minting: everything Carapulse logs (captured from
 * {@link #start} to {@link #stop}), the audit table, and the bytes of an H2 file database.
 */
final class BrokerTraces {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level oursLevel;

    void start() {
        log.list.clear();
        log.start();
        Logger ours = (Logger) LoggerFactory.getLogger("io.carapulse");
        oursLevel = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        ours.addAppender(log);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    void stop() {
        Logger ours = (Logger) LoggerFactory.getLogger("io.carapulse");
        ours.detachAppender(log);
        ours.setLevel(oursLevel);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    /** Every captured log line and its exception's message. */
    String logged() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : log.list) {
            sb.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                sb.append(e.getThrowableProxy().getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    static String audit(TransactionOperations<Connection> tx, JdbcOperations jdbc) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT * FROM audit_event ORDER BY seq", ps -> {
            StringBuilder sb = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        sb.append(rs.getString(i)).append('|');
                    }
                    sb.append('\n');
                }
            }
            return sb.toString();
        }));
    }

    /** The raw bytes of the H2 files under {@code directory}, one char per byte, after a checkpoint. */
    static String h2Bytes(TransactionOperations<Connection> tx, JdbcOperations jdbc, Path directory) {
        tx.executeWrite(s -> jdbc.prepareStatement("CHECKPOINT SYNC", ps -> ps.execute()));
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    static long count(TransactionOperations<Connection> tx, JdbcOperations jdbc, String from) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT COUNT(*) FROM " + from, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    static String lastAudit(TransactionOperations<Connection> tx, JdbcOperations jdbc) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT action, subject_id, decision, reason, details_json, actor"
                + " FROM audit_event ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                                + " " + rs.getString(5) + " " + rs.getString(6);
                    }
                }));
    }
}
