package io.carapulse.tools.lease;

import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import java.util.Optional;

/**
 * The credential broker as the tool families see it: where an environment's inventory names
 * {@code integration:<provider>} instead of an {@code env:}/{@code file:} reference, the family asks
 * the broker for the credential of the integration serving that environment, once per call, and puts
 * it in the call's lease. The broker decides, issues (a stored token, or a freshly minted one) and
 * audits each access; a family never keeps what it got beyond the call.
 */
public interface BrokerCredentials {

    /** A server without the broker (a family's own tests): nothing serves anything. */
    BrokerCredentials NONE = new BrokerCredentials() {
        @Override
        public Optional<String> serving(String provider, String environment) {
            return Optional.empty();
        }

        @Override
        public Leased lease(String provider, String environment, String tool, ToolContext context) {
            throw new ToolException(ToolFailure.CONFIGURATION_INVALID, "integration:" + provider
                    + " references need the credential broker, which this server does not run", null);
        }
    };

    /**
     * The broker {@code provider} holds, looked up at first use rather than when the tool family is built: the
     * families are built while the server starts, before the broker (and the database behind it) may be
     * touched; with no broker bean, {@link #NONE}.
     */
    static BrokerCredentials lazy(io.micronaut.context.BeanProvider<BrokerCredentials> provider) {
        return new BrokerCredentials() {
            private BrokerCredentials broker() {
                return provider.isPresent() ? provider.get() : NONE;
            }

            @Override
            public Optional<String> serving(String p, String environment) {
                return broker().serving(p, environment);
            }

            @Override
            public Leased lease(String p, String environment, String tool, ToolContext context) {
                return broker().lease(p, environment, tool, context);
            }

            @Override
            public Optional<Leased> personal(String p, String requester, String environment, String tool,
                                             ToolContext context) {
                return broker().personal(p, requester, environment, tool, context);
            }
        };
    }

    /**
     * The id of the integration of {@code provider} serving {@code environment} (scoped to it, else
     * global); empty when none does, or when the broker is not configured.
     */
    Optional<String> serving(String provider, String environment);

    /**
     * The credential of the integration serving {@code environment}, issued now for one call of
     * {@code tool} and audited with the call's origin.
     *
     * @throws ToolException {@code configuration_invalid} when no integration serves the environment, the
     *                       broker is not configured or cannot issue the credential
     */
    Leased lease(String provider, String environment, String tool, ToolContext context);

    /**
     * The own credential of {@code requester} (an actor id, e.g. {@code oidc:alice}) for {@code provider}:
     * the token of their connected OAuth connection, issued now for one call of {@code tool} in
     * {@code environment} and audited; empty when they have no connected connection (the caller then uses
     * the environment's credentials).
     */
    default Optional<Leased> personal(String provider, String requester, String environment, String tool,
                                      ToolContext context) {
        return Optional.empty();
    }

    /** A credential for one call: never printed ({@link #toString()} names the integration only). */
    record Leased(String integrationId, String token) {

        @Override
        public String toString() {
            return "Leased[" + integrationId + "]";
        }
    }
}
