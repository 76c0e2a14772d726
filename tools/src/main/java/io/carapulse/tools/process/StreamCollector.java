package io.carapulse.tools.process;

import io.carapulse.api.redact.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one stream of a process: splits it into lines, redacts each line (with a per-stream
 * {@link Redactor.Lines}, so a PEM block split over lines is masked), hands it to the sink, keeps the
 * first {@code cap} redacted bytes, counts and hashes all of them. Runs on a reader thread; the
 * snapshot methods are safe to call from the waiting thread at any time.
 */
final class StreamCollector implements Runnable {

    /** A line longer than this is cut into pieces, so a stream without newlines cannot exhaust memory. */
    static final int MAX_LINE_CHARS = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(StreamCollector.class);
    private static final byte[] NEWLINE = {'\n'};

    private final InputStream in;
    private final Redactor.Lines redactor;
    private final LineSink sink;
    private final LineSink.Source source;
    private final long cap;
    private final ByteArrayOutputStream stored = new ByteArrayOutputStream();
    private final MessageDigest sha256;
    private long total;
    private boolean truncated;
    private boolean sinkFailed;

    StreamCollector(InputStream in, Redactor redactor, LineSink sink, LineSink.Source source, long cap) {
        this.in = in;
        this.redactor = redactor.lines();
        this.sink = sink;
        this.source = source;
        this.cap = cap;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void run() {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            StringBuilder line = new StringBuilder();
            int n;
            while ((n = reader.read(buf)) != -1) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        take(line);
                    } else {
                        line.append(c);
                        if (line.length() >= MAX_LINE_CHARS) {
                            take(line);
                        }
                    }
                }
            }
            if (line.length() > 0) {
                take(line);
            }
        } catch (IOException e) {
            // the stream was closed under us (process killed, runner gave up waiting): keep what we have
            LOG.debug("{} reader stopped: {}", source, e.toString());
        }
    }

    private void take(StringBuilder raw) {
        int end = raw.length();
        if (end > 0 && raw.charAt(end - 1) == '\r') {
            end--;
        }
        String line = redactor.redact(raw.substring(0, end));
        raw.setLength(0);
        store(line.getBytes(StandardCharsets.UTF_8));
        try {
            sink.accept(source, line);
        } catch (RuntimeException e) {
            if (!sinkFailed) {
                sinkFailed = true;
                LOG.warn("line sink failed on {}; later failures are not logged: {}", source, e.toString());
            }
        }
    }

    private synchronized void store(byte[] bytes) {
        sha256.update(bytes);
        sha256.update(NEWLINE);
        total += bytes.length + 1L;
        long room = cap - stored.size();
        if (room >= bytes.length + 1L) {
            stored.write(bytes, 0, bytes.length);
            stored.write('\n');
        } else {
            if (room > 0) {
                stored.write(bytes, 0, (int) Math.min(room, bytes.length));
            }
            truncated = true;
        }
    }

    /** The stored beginning of the stream, decoded leniently (a cut may split a character). */
    synchronized String text() {
        return stored.toString(StandardCharsets.UTF_8);
    }

    /** Whether bytes were dropped, either by the cap or because reading was abandoned. */
    synchronized boolean truncated() {
        return truncated;
    }

    /** Marks the stored text as incomplete: the runner stopped waiting for this stream. */
    synchronized void abandon() {
        truncated = true;
    }

    /** Total redacted bytes seen, line terminators counted as one {@code \n} each. */
    synchronized long totalBytes() {
        return total;
    }

    /** Hex sha256 of every redacted byte seen so far. */
    synchronized String sha256Hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }
}
