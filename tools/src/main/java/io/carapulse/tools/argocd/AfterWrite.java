package io.carapulse.tools.argocd;

import io.carapulse.api.error.RetriableException;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import java.util.function.Supplier;

/** Reading an application back after a write, so the evidence shows what the write left (S8). */
final class AfterWrite {

    private AfterWrite() {
    }

    /**
     * The write's evidence with the app's state read now ({@code readAgain}, over the write's transport)
     * as data and external ids. A failed read after a successful write is reported as such, with the
     * write's evidence, never hidden.
     */
    static ToolResult readBack(ToolCall call, ToolResult writeEvidence, Supplier<ArgoRuntime.Read> readAgain) {
        ArgoRuntime.Read after;
        try {
            after = readAgain.get();
        } catch (ToolException | RetriableException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, call.qualifiedName() + " was accepted, but reading the "
                    + "application afterwards failed: " + e.getMessage(), writeEvidence, e);
        }
        return ArgoRuntime.withData(writeEvidence, after.view().data(), after.view().externalIds());
    }
}
