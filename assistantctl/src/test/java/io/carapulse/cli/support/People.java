package io.carapulse.cli.support;

/**
 * The test cast, created through the CLI by the local admin: Alice (operator), Bob (approver), Vera
 * (viewer). Alice also holds approver, so only the separation of duties stops her approving her own plan. Each {@code Ctl} talks to the shared server with that person's token.
 */
public final class People {

    public final Ctl admin;
    public final Ctl alice;
    public final Ctl bob;
    public final Ctl vera;

    private static People cast;

    private People(TestServer server) {
        admin = Ctl.localTo(server);
        alice = Ctl.as(server, token(admin, "alice", "operator,approver"));
        bob = Ctl.as(server, token(admin, "bob", "approver"));
        vera = Ctl.as(server, token(admin, "vera", "viewer"));
    }

    /** The cast on the shared server, created once. */
    public static synchronized People onSharedServer() {
        if (cast == null) {
            cast = new People(TestServer.shared());
        }
        return cast;
    }

    private static String token(Ctl admin, String name, String role) {
        Ctl.Result r = admin.run("token", "create", name, "--role", role);
        if (r.code() != 0) {
            throw new AssertionError("cannot create " + name + "'s token: " + r);
        }
        return r.out().strip();
    }
}
