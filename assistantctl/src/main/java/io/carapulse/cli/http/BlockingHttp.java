package io.carapulse.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over {@link HttpURLConnection}, on the calling thread. Why not
 * {@code java.net.http}: its client keeps a selector thread in native code for as long as it lives,
 * and JDK 17 can neither close it nor exit without first waiting up to 300 ms for such threads, so every
 * command paid that wait after its output. Here no thread is left running: a reused connection's
 * keep-alive timer sleeps, which the exit does not wait for.
 *
 * <p>Redirects are never followed, no proxy is used (as the JDK's HTTP client without one), a
 * plain-HTTP server costs no TLS set-up and an https one has its certificate verified by the JDK.
 */
final class BlockingHttp {

    static {
        // a POST whose answer was lost may have been acted on: report it, never send it again (as the
        // JDK's HTTP client does not); read once, when the JDK's HTTP classes load
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private BlockingHttp() {
    }

    /** The connection could not be made within the connect timeout (a read timeout is any other {@link SocketTimeoutException}). */
    static final class ConnectTimeout extends SocketTimeoutException {
        ConnectTimeout(SocketTimeoutException cause) {
            super(cause.getMessage());
            initCause(cause);
        }
    }

    /** An answer whose body the caller reads and closes. */
    record Answer(int status, InputStream body) {
    }

    /**
     * Sends {@code method uri} with {@code headers} and {@code body} ({@code null}: none) and returns the
     * status and the body as it arrives, an error status's body included.
     *
     * @param readTimeout the longest wait for each read of the answer; {@link Duration#ZERO} waits forever
     *                    (a stream of events)
     * @throws ConnectTimeout when no connection was made within {@code connectTimeout}
     */
    static Answer exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration connectTimeout,
            Duration readTimeout) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout((int) connectTimeout.toMillis());
        c.setReadTimeout((int) readTimeout.toMillis());
        c.setRequestMethod(method);
        headers.forEach(c::setRequestProperty);
        c.setDoOutput(body != null);
        try {
            c.connect();
        } catch (SocketTimeoutException e) {
            throw new ConnectTimeout(e);
        }
        if (body != null) {
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        return new Answer(status, in == null ? InputStream.nullInputStream() : in);
    }
}
