package io.carapulse.cli.command.plan;

import io.carapulse.api.dto.Assertion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step as typed after {@code --step} or {@code --verify}: {@code tool.action} and raw
 * {@code key=value} / {@code key:=json} arguments, typed later against the action's schema.
 */
final class StepDraft {

    final String tool;
    final String action;
    final String stage;
    /** key → raw text; {@code json} keys hold JSON typed with {@code :=}. */
    final Map<String, String> args = new LinkedHashMap<>();
    final Map<String, Boolean> json = new LinkedHashMap<>();
    Assertion assertion;
    /** {@code --revert-after} right after this {@code --step}: its time box ({@code 2h}), checked by the server. */
    String revertAfter;

    StepDraft(String tool, String action, String stage) {
        this.tool = tool;
        this.action = action;
        this.stage = stage;
    }

    String name() {
        return tool + "." + action;
    }
}
