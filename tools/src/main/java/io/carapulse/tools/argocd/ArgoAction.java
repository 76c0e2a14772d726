package io.carapulse.tools.argocd;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.FamilyAction;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every argocd action: the family shape ({@link FamilyAction}) with the environment's Argo CD as its
 * target (S6). No argument names a server or a project: {@code --server … --grpc-web} and the token
 * come from the inventory ({@link ArgoRuntime#argocd}), and an application's project, known only once
 * the app is read, is checked by {@link ArgoRuntime#read} before anything else is sent.
 *
 * @param <A> the action's arguments
 */
public abstract class ArgoAction<A extends Record & ArgoAction.Args> extends FamilyAction<A, ArgoRuntime> {

    /** The arguments of an argocd action: none of them is a target; the inventory supplies those (S6). */
    public interface Args {
    }

    /** The arguments of an action on one application. */
    public interface OnApp extends Args {
        /** The application; its project must be one of the environment's (checked when it is read). */
        String app();
    }

    /** An Argo CD application name (DNS-1123 label): never starts with {@code -} (S5). */
    public static final String APP_NAME = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    /** A Git revision, tag, branch or Helm chart version: no leading {@code -}, no shell metacharacters. */
    public static final String REVISION = "^[A-Za-z0-9_][A-Za-z0-9._/+-]{0,254}$";

    /** The description of every {@code app} argument. */
    protected static final String APP = "the Argo CD application; it must belong to one of the environment's projects";

    protected ArgoAction(ArgoRuntime runtime, String name, ActionClass actionClass, String description,
                         Class<A> argsType, boolean reversible, Set<Transport> transports, Duration timeout) {
        super(runtime, name, actionClass, description, argsType, reversible, transports, timeout);
    }

    /** The environment declares an Argo CD; an app's project is checked when it is read at execute time. */
    @Override
    protected final List<String> targets(String environment, A args) {
        return runtime.environmentProblems(environment);
    }
}
