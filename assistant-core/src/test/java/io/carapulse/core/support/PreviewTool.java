package io.carapulse.core.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.core.common.Json;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tool whose write previews its change, as a proposed pull request does: {@code doc.write} replaces the
 * text of one document; its preview is the line diff against the document as it is when the plan is made,
 * with the document's version as the basis. At execution it refuses with {@code precondition_failed} when
 * it was given no preview or the document has another version now. Tests move the document between plan
 * and execution ({@link #edit}) and make the preview fail ({@link #failPreviewsWith}). Only present when
 * {@code carapulse.test.preview-tool=true}.
 */
@Singleton
@Requires(property = "carapulse.test.preview-tool", value = "true")
public class PreviewTool implements ToolAdapter {

    private String text = "replicas: 2\n";
    private int version = 1;
    private ToolFailure previewFailure;
    private final List<Optional<StepPreview>> executedWith = new CopyOnWriteArrayList<>();

    public synchronized void reset() {
        text = "replicas: 2\n";
        version = 1;
        previewFailure = null;
        executedWith.clear();
    }

    /** Someone else changes the document (a commit on the base branch). */
    public synchronized void edit(String newText) {
        text = newText;
        version++;
    }

    public synchronized String text() {
        return text;
    }

    /** Every preview fails with {@code failure} until reset. */
    public synchronized void failPreviewsWith(ToolFailure failure) {
        previewFailure = failure;
    }

    /** The preview each execution was handed, in order. */
    public List<Optional<StepPreview>> executedWith() {
        return List.copyOf(executedWith);
    }

    @Override
    public String name() {
        return "doc";
    }

    @Override
    public String description() {
        return "test adapter whose write previews its diff";
    }

    @Override
    public List<ToolAction> actions() {
        return List.of(new Write());
    }

    @Override
    public Set<Transport> availableTransports() {
        return Set.of(Transport.LOCAL);
    }

    private final class Write implements ToolAction {

        @Override
        public ActionDescriptor descriptor() {
            ObjectNode schema = (ObjectNode) Json.read("{\"type\":\"object\",\"additionalProperties\":false,"
                    + "\"properties\":{\"text\":{\"type\":\"string\",\"maxLength\":200}},\"required\":[\"text\"]}");
            return new ActionDescriptor("write", ActionClass.WRITE, "replace the document", schema, false,
                    Set.of(Transport.LOCAL), Duration.ofSeconds(5));
        }

        @Override
        public Optional<StepPreview> preview(ToolCall call, ToolContext context) {
            synchronized (PreviewTool.this) {
                if (previewFailure != null) {
                    throw new ToolException(previewFailure, "the document store said no (" + previewFailure.code() + ")",
                            null);
                }
                String proposed = call.args().get("text").asText();
                if (proposed.equals(text)) {
                    throw new ToolException(ToolFailure.INVALID_ARGUMENTS, "text: the document already reads that", null);
                }
                String diff = "--- a/doc\n+++ b/doc\n@@ -1 +1 @@\n-" + text.strip() + "\n+" + proposed.strip() + "\n";
                ObjectNode basis = Json.object().put("version", version);
                return Optional.of(new StepPreview("doc from v" + version + ": +1 -1", diff, basis));
            }
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            executedWith.add(context.preview());
            synchronized (PreviewTool.this) {
                StepPreview approved = context.preview().orElseThrow(() ->
                        new ToolException(ToolFailure.PRECONDITION_FAILED, "no approved diff", null));
                if (approved.basis().get("version").asInt() != version) {
                    throw new ToolException(ToolFailure.PRECONDITION_FAILED, "the document changed since the diff was"
                            + " approved (v" + approved.basis().get("version").asInt() + " then, v" + version
                            + " now); nothing was written", null);
                }
                text = call.args().get("text").asText();
                version++;
                return new ToolResult(Transport.LOCAL, List.of("doc", "write"), 0, null, "written v" + version,
                        Json.object().put("version", version), Map.of("diff.sha256", approved.diffSha256()));
            }
        }
    }
}
