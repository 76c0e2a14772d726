package io.carapulse.core.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal OIDC issuer on 127.0.0.1: a discovery document and a JWK set, nothing else. */
final class TestIssuer implements AutoCloseable {

    private final HttpServer server;
    private volatile List<JWK> publicKeys = List.of();
    private volatile String advertisedIssuer;
    private volatile int discoveryStatus = 200;
    private final AtomicInteger discoveryCalls = new AtomicInteger();

    TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        advertisedIssuer = issuer();
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", ex -> respond(ex, 200, new JWKSet(publicKeys).toString()));
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void publish(JWK... keys) {
        publicKeys = List.of(keys).stream().map(JWK::toPublicJWK).toList();
    }

    void advertiseIssuer(String issuer) {
        advertisedIssuer = issuer;
    }

    void discoveryStatus(int status) {
        discoveryStatus = status;
    }

    int discoveryCalls() {
        return discoveryCalls.get();
    }

    private void discovery(HttpExchange ex) throws IOException {
        discoveryCalls.incrementAndGet();
        respond(ex, discoveryStatus, "{\"issuer\":\"" + advertisedIssuer + "\",\"jwks_uri\":\"" + issuer() + "/jwks\"}");
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
