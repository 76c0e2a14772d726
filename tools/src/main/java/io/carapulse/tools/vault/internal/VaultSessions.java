package io.carapulse.tools.vault.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.error.PermanentException;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.vault.VaultInstance;
import io.github.jopenlibs.vault.rest.RestException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The server's own Vault token per environment: logged in with the environment's auth method
 * (Kubernetes, AppRole) or given ({@code token}), cached, renewed ({@code auth/token/renew-self}) once two
 * thirds of its TTL have passed, logged in again when renewal fails or when Vault refuses it as expired.
 * The token never leaves this class except as a header; CLI calls get child tokens instead.
 */
public final class VaultSessions {

    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultHttp http;
    private final Function<String, String> secretEnvironment;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public VaultSessions(VaultHttp http, Function<String, String> secretEnvironment, Clock clock) {
        this.http = http;
        this.secretEnvironment = secretEnvironment;
        this.clock = clock;
    }

    /**
     * A server token.
     *
     * @param token    the token (never logged, never stored elsewhere)
     * @param accessor its accessor, when known: what Vault's audit device records
     * @param renewAt  when to renew it; {@link Instant#MAX} for a token that is not renewed
     * @param renewable whether {@code renew-self} may extend it
     */
    public record Session(String token, String accessor, Instant renewAt, boolean renewable) {
        @Override
        public String toString() {
            return "Session[accessor=" + accessor + "]";
        }
    }

    /** The environment's current token: cached, renewed when due, logged in when absent. */
    public synchronized Session current(String environment, VaultInstance vault) {
        Session s = sessions.get(environment);
        if (s == null) {
            s = login(vault);
        } else if (clock.instant().isAfter(s.renewAt())) {
            s = s.renewable() ? renew(vault, s) : login(vault);
        }
        sessions.put(environment, s);
        return s;
    }

    /**
     * After a 403: whether {@code used} was refused because it expired or was revoked (its own
     * {@code lookup-self} is refused too) and a new login may fix it. Forgets it when so.
     */
    public synchronized boolean expired(String environment, VaultInstance vault, Session used) {
        if (vault.auth() instanceof VaultInstance.Token) {
            return false; // nothing to log in with
        }
        try {
            VaultHttp.Raw raw = http.exchange(vault, "GET", "auth/token/lookup-self", null, used.token(), LOGIN_TIMEOUT);
            if (raw.status() != 403) {
                return false;
            }
        } catch (RestException e) {
            return false;
        }
        sessions.remove(environment, used);
        return true;
    }

    /** Forgets every cached token (tests, configuration reloads). */
    public void clear() {
        sessions.clear();
    }

    private Session renew(VaultInstance vault, Session s) {
        try {
            VaultHttp.Raw raw = http.exchange(vault, "POST", "auth/token/renew-self",
                    JsonNodeFactory.instance.objectNode(), s.token(), LOGIN_TIMEOUT);
            if (raw.status() / 100 == 2) {
                return session(JSON.readTree(raw.body()).path("auth"), s.accessor());
            }
        } catch (RestException | IOException e) {
            // renewal failed: log in again below
        }
        return vault.auth() instanceof VaultInstance.Token ? s : login(vault);
    }

    private Session login(VaultInstance vault) {
        VaultInstance.Auth auth = vault.auth();
        if (auth instanceof VaultInstance.Token t) {
            return new Session(resolve(t.token()), null, Instant.MAX, false);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        String mount;
        String what;
        List<String> secrets;
        if (auth instanceof VaultInstance.Kubernetes k) {
            String jwt = readJwt(k);
            body.put("role", k.role()).put("jwt", jwt);
            mount = k.mount();
            what = "kubernetes login (mount " + k.mount() + ", role " + k.role() + ")";
            secrets = List.of(jwt);
        } else if (auth instanceof VaultInstance.AppRole a) {
            String roleId = resolve(a.roleId());
            String secretId = resolve(a.secretId());
            body.put("role_id", roleId).put("secret_id", secretId);
            mount = a.mount();
            what = "approle login (mount " + a.mount() + ")";
            secrets = List.of(roleId, secretId);
        } else {
            throw new IllegalStateException("unknown auth " + auth.method());
        }
        Redactor redactor = Redactor.patterns().with(secrets);
        VaultHttp.Raw raw;
        try {
            raw = http.exchange(vault, "POST", "auth/" + mount + "/login", body, null, LOGIN_TIMEOUT);
        } catch (RestException e) {
            throw new RetriableToolException(ToolFailure.UNAVAILABLE, "vault " + what + " got no answer from "
                    + vault.address(), null, null);
        }
        if (raw.status() / 100 != 2) {
            int status = raw.status();
            ToolFailure failure = status == 400 || status == 403 ? ToolFailure.UNAUTHENTICATED
                    : VaultHttpErrors.MAPPER.failure(status);
            String message = "vault " + what + " answered " + status + VaultHttpErrors.detail(status, raw.body(), redactor);
            throw VaultHttpErrors.MAPPER.retriable(status)
                    ? new RetriableToolException(failure, message, null, null)
                    : new ToolException(failure, message, null);
        }
        try {
            JsonNode authNode = JSON.readTree(raw.body()).path("auth");
            if (authNode.path("client_token").asText("").isEmpty()) {
                throw new IOException("no client_token");
            }
            return session(authNode, null);
        } catch (IOException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "vault " + what + " answered without a token", null);
        }
    }

    private Session session(JsonNode auth, String knownAccessor) {
        long ttl = auth.path("lease_duration").asLong(0);
        Instant renewAt = ttl <= 0 ? Instant.MAX : clock.instant().plusSeconds(Math.max(1, ttl * 2 / 3));
        String accessor = auth.path("accessor").asText("");
        return new Session(auth.path("client_token").asText(), accessor.isEmpty() ? knownAccessor : accessor, renewAt,
                auth.path("renewable").asBoolean(false));
    }

    private String resolve(io.carapulse.config.SecretRef ref) {
        try {
            return ref.resolve(secretEnvironment).reveal();
        } catch (PermanentException e) {
            throw new ToolException(ToolFailure.CONFIGURATION_INVALID, e.getMessage(), null);
        }
    }

    private static String readJwt(VaultInstance.Kubernetes k) {
        try {
            String jwt = Files.readString(k.jwtPath()).strip();
            if (jwt.isEmpty()) {
                throw new IOException("empty");
            }
            return jwt;
        } catch (IOException e) {
            throw new ToolException(ToolFailure.CONFIGURATION_INVALID, "the Kubernetes service-account token "
                    + k.jwtPath() + " cannot be read (vault.auth.jwt-path)", null);
        }
    }
}
