package io.carapulse.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy on 127.0.0.1 in front of the test server that cuts the first event stream it carries
 * in the middle of a response, right inside the event whose text contains {@code cutInside}, the way
 * a load balancer or a flaky network drops a long-lived connection. Later connections pass untouched.
 * It records each request's head, so a test can see the client resume with {@code Last-Event-ID}.
 *
 * <p>After forwarding the first half of that event it holds the connection until {@link #drop()}, so a
 * test can first see the client act on the complete events before it (a real drop can come at any
 * moment; the test picks the one that proves a resume from the middle of the stream).
 */
public final class DroppingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int upstreamPort;
    private final String cutInside;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    private final CountDownLatch drop = new CountDownLatch(1);

    public DroppingProxy(int upstreamPort, String cutInside) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.cutInside = cutInside;
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** The request line and headers of every request seen, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public boolean didCut() {
        return cut;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                daemon(() -> pumpRequest(client, upstream));
                daemon(() -> pumpResponse(upstream, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pumpRequest(Socket client, Socket upstream) {
        try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
            byte[] buf = new byte[8192];
            StringBuilder head = new StringBuilder();
            int n;
            while ((n = in.read(buf)) > 0) {
                if (head.indexOf("\r\n\r\n") < 0) {
                    head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    if (head.indexOf("\r\n\r\n") >= 0) {
                        requests.add(head.substring(0, head.indexOf("\r\n\r\n")));
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(client, upstream);
        }
    }

    private void pumpResponse(Socket upstream, Socket client) {
        boolean cutThis = false;
        StringBuilder seen = new StringBuilder();
        try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (!cut && !cutThis) {
                    int before = seen.length();
                    seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    int at = seen.indexOf(cutInside);
                    if (at >= 0 && seen.indexOf("text/event-stream") >= 0) {
                        synchronized (this) {
                            cutThis = !cut;
                            cut = true;
                        }
                        if (cutThis) {
                            // forward up to the middle of the marked event, then drop the connection
                            int upTo = at + cutInside.length() / 2 - before;
                            out.write(buf, 0, Math.max(0, upTo));
                            out.flush();
                            drop.await();
                            return;
                        }
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client, upstream);
        }
    }

    /** Drops the held connection. */
    public void drop() {
        drop.countDown();
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        drop.countDown();
        listener.close();
    }
}
