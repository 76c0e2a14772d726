package io.carapulse.core.evidence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.EvidenceView;
import io.carapulse.api.dto.PrunedView;
import io.carapulse.api.dto.FollowUpView;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Json;
import io.carapulse.core.execution.StepRunEntity;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the evidence of a step run (S8) from what the adapter returned: transport, redacted
 * command, exit/HTTP status, timing, sha256 of the full redacted output, a capped redacted excerpt,
 * and the provider's external ids (redacted too). Failed runs leave evidence from their partial result.
 */
@Singleton
public class EvidenceFactory {

    private final int excerptBytes;

    public EvidenceFactory(@Value("${carapulse.executor.output-excerpt-bytes:8192}") int excerptBytes) {
        this.excerptBytes = excerptBytes;
    }

    public EvidenceEntity build(StepRunEntity run, ToolResult result, String outcome, Instant started, Instant ended,
                                Redactor redactor) {
        return build(run, result, outcome, started, ended, redactor, null);
    }

    /** The evidence of {@code run}, carrying its execution's {@code correlationId}. */
    public EvidenceEntity build(StepRunEntity run, ToolResult result, String outcome, Instant started, Instant ended,
                                Redactor redactor, String correlationId) {
        // a call that returned nothing (killed at its deadline, failed before any output) still leaves evidence
        ToolResult r = result != null ? result
                : new ToolResult(Transport.LOCAL, List.of(), null, null, "", null, Map.of());
        String transport = result != null ? result.transport().wire() : "none";
        String output = redactor.redact(r.output());
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        boolean truncated = bytes.length > excerptBytes || (r.digest() != null && r.digest().truncated());
        String excerpt = bytes.length > excerptBytes ? cut(output, excerptBytes) : output;
        // output stored capped by the runner: its digest covers everything the tool printed
        String sha256 = r.digest() != null ? r.digest().sha256() : Json.sha256Hex(bytes);
        long size = r.digest() != null ? r.digest().bytes() : bytes.length;
        Map<String, String> ids = new TreeMap<>();
        r.externalIds().forEach((k, v) -> ids.put(k, redactor.redact(v)));
        return new EvidenceEntity(Ids.evidence(), run.executionId(), run.id(), run.kind().wire(), run.tool(),
                run.action(), transport, Json.write(redactor.redactAll(r.command())), r.exitCode(),
                r.httpStatus(), outcome, started, ended, Duration.between(started, ended).toMillis(),
                sha256, size, excerpt, truncated, Json.write(ids), null, correlationId);
    }

    /** The record as the API shows it; {@code followUps} is left out when null or empty. */
    public static EvidenceView view(EvidenceEntity e, List<FollowUpView> followUps) {
        return new EvidenceView(e.id(), e.executionId(), e.stepRunId(), e.kind(), e.tool(), e.action(), e.transport(),
                Json.mapper().convertValue(Json.read(e.commandJson()), new TypeReference<List<String>>() { }),
                e.exitCode(), e.httpStatus(), e.outcome(), e.startedAt(), e.endedAt(), e.durationMs(),
                e.outputSha256(), e.outputBytes(), e.excerpt(), e.excerptTruncated(),
                Json.mapper().convertValue(Json.read(e.externalIdsJson()), new TypeReference<Map<String, String>>() { }),
                followUps == null || followUps.isEmpty() ? null : List.copyOf(followUps),
                PrunedView.retention(e.outputPrunedAt()), e.correlationId());
    }

    /** The longest prefix of {@code text} that fits in {@code maxBytes} of UTF-8, never splitting a character. */
    static String cut(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > maxBytes) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }
}
