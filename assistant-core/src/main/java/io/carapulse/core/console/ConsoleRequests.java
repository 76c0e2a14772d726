package io.carapulse.core.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the console reads from a request and writes to a response: the session cookie (HttpOnly,
 * SameSite=Lax, Secure when the browser reached us over HTTPS), whether a state-changing request came
 * from our own pages, and return paths that cannot leave the site.
 */
@Singleton
public class ConsoleRequests {

    public static final String COOKIE = "carapulse_session";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final ConsoleSessions sessions;
    private final ConsoleConfiguration config;
    private final List<AddressRange> proxies;

    public ConsoleRequests(ConsoleSessions sessions, ConsoleConfiguration config) {
        this.sessions = sessions;
        this.config = config;
        this.proxies = config.trustedProxies().stream().map(AddressRange::parse).toList();
    }

    /** The signed-in person's session, if the request carries a live one. */
    public Optional<ConsoleSessions.Session> session(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).flatMap(sessions::find);
    }

    /** The session cookie for a new session. */
    public Cookie cookie(HttpRequest<?> request, String value) {
        return Cookie.of(COOKIE, value).httpOnly(true).sameSite(SameSite.Lax).path("/").secure(secure(request))
                .maxAge(config.absoluteTimeout());
    }

    /** A cookie that makes the browser forget the session. */
    public Cookie expired(HttpRequest<?> request) {
        return Cookie.of(COOKIE, "").httpOnly(true).sameSite(SameSite.Lax).path("/").secure(secure(request))
                .maxAge(Duration.ZERO);
    }

    /**
     * Whether the browser reached us over HTTPS: the connection itself, or {@code X-Forwarded-Proto}
     * when (and only when) the connection comes from a configured trusted proxy.
     */
    public boolean secure(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        InetAddress peer = request.getRemoteAddress().getAddress();
        boolean trusted = peer != null && proxies.stream().anyMatch(p -> p.contains(peer));
        return trusted && request.getHeaders().get("X-Forwarded-Proto", String.class)
                .map(v -> v.split(",")[0].strip().equalsIgnoreCase("https")).orElse(false);
    }

    /**
     * Whether a state-changing request may have come from another site: an {@code Origin} (or, without
     * one, a {@code Referer}) whose host and port are neither this request's {@code Host} nor those of
     * {@code carapulse.console.public-url} (behind a proxy that rewrites {@code Host}).
     */
    public boolean crossSite(HttpRequest<?> request) {
        Optional<String> origin = request.getHeaders().findFirst("Origin");
        String source = origin.orElseGet(() -> request.getHeaders().findFirst("Referer").orElse(null));
        if (source == null) {
            return false; // not a browser form post from another page; the CSRF token still decides
        }
        String authority = authority(source);
        if (authority == null) {
            return true;
        }
        String host = request.getHeaders().get("Host");
        return !(authority.equalsIgnoreCase(host == null ? "" : host)
                || (config.publicUrl() != null && authority.equalsIgnoreCase(authority(config.publicUrl()))));
    }

    /** {@code host[:port]} of a URL as a {@code Host} header writes it; null when it is not a URL with a host. */
    private static String authority(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return null;
            }
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Where people reach this server, for links it hands out: {@code carapulse.console.public-url}, else
     * the scheme and {@code Host} this request came with (a malformed {@code Host}: localhost and the port).
     */
    public String publicBase(HttpRequest<?> request) {
        if (config.publicUrl() != null) {
            return config.publicUrl();
        }
        String host = request.getHeaders().get("Host");
        if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
            host = "localhost:" + request.getServerAddress().getPort();
        }
        return (secure(request) ? "https://" : "http://") + host;
    }

    /** {@code next} if it is a path on this site ({@code /plans/pln_…}), else {@code /}: never an open redirect. */
    public static String localPath(String next) {
        if (next == null || next.isEmpty() || next.length() > 500 || next.charAt(0) != '/' || next.startsWith("//")
                || next.contains("\\") || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return "/";
        }
        return next;
    }

    /** A 303 to {@code path} (after a form post, the browser follows it with a GET). */
    public static MutableHttpResponse<?> seeOther(String path) {
        return HttpResponse.seeOther(URI.create(path));
    }
}
