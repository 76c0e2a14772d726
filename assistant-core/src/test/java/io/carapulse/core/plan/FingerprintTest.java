package io.carapulse.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.core.common.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** S2: the fingerprint an approval is bound to changes whenever what would run changes. */
class FingerprintTest {

    private static ObjectNode args(String json) {
        return Json.readObject(json);
    }

    private static ValidatedStep scale(int replicas) {
        return new ValidatedStep(0, Stage.ACT, "kubectl", "scale", ActionClass.WRITE,
                args("{\"namespace\":\"shop\",\"deployment\":\"web\",\"replicas\":" + replicas + "}"), null, 60);
    }

    private static ValidatedStep verify(Assertion assertion) {
        return new ValidatedStep(1, Stage.VERIFY, "kubectl", "rollout-status", ActionClass.READ,
                args("{\"deployment\":\"web\"}"), assertion, null);
    }

    private static final Assertion READY = new Assertion("/status/readyReplicas", "eq", Json.toTree(3));

    private static String base() {
        return Fingerprint.of("prod", List.of(scale(3), verify(READY)));
    }

    @Test
    void shouldBeSixtyFourLowerCaseHexCharacters() {
        assertThat(base()).matches("[0-9a-f]{64}");
    }

    @Test
    void shouldBeTheSameForTheSameStepsWhateverTheOrderOfArgumentKeys() {
        ValidatedStep reordered = new ValidatedStep(0, Stage.ACT, "kubectl", "scale", ActionClass.WRITE,
                args("{\"replicas\":3,\"deployment\":\"web\",\"namespace\":\"shop\"}"), null, 60);

        assertThat(Fingerprint.of("prod", List.of(reordered, verify(READY)))).isEqualTo(base());
    }

    @Test
    void shouldChangeWithTheEnvironment() {
        assertThat(Fingerprint.of("staging", List.of(scale(3), verify(READY)))).isNotEqualTo(base());
    }

    @Test
    void shouldChangeWithAnArgumentValue() {
        assertThat(Fingerprint.of("prod", List.of(scale(30), verify(READY)))).isNotEqualTo(base());
    }

    @Test
    void shouldChangeWithANestedArgumentValue() {
        ValidatedStep a = new ValidatedStep(0, Stage.ACT, "helm", "upgrade", ActionClass.WRITE,
                args("{\"values\":{\"image\":{\"tag\":\"1.2.3\"}}}"), null, null);
        ValidatedStep b = new ValidatedStep(0, Stage.ACT, "helm", "upgrade", ActionClass.WRITE,
                args("{\"values\":{\"image\":{\"tag\":\"1.2.4\"}}}"), null, null);

        assertThat(Fingerprint.of("prod", List.of(a))).isNotEqualTo(Fingerprint.of("prod", List.of(b)));
    }

    @Test
    void shouldChangeWithTheStage() {
        ValidatedStep s = scale(3);
        ValidatedStep asVerify = new ValidatedStep(s.position(), Stage.VERIFY, s.tool(), s.action(), s.actionClass(),
                s.args(), s.assertion(), s.timeoutSeconds());

        assertThat(Fingerprint.of("prod", List.of(asVerify, verify(READY)))).isNotEqualTo(base());
    }

    @Test
    void shouldChangeWithTheOrderOfSteps() {
        ValidatedStep first = new ValidatedStep(0, Stage.ACT, "kubectl", "scale", ActionClass.WRITE,
                args("{\"deployment\":\"web\",\"replicas\":3}"), null, null);
        ValidatedStep second = new ValidatedStep(1, Stage.ACT, "kubectl", "scale", ActionClass.WRITE,
                args("{\"deployment\":\"api\",\"replicas\":3}"), null, null);
        ValidatedStep firstMoved = new ValidatedStep(1, first.stage(), first.tool(), first.action(), first.actionClass(),
                first.args(), null, null);
        ValidatedStep secondMoved = new ValidatedStep(0, second.stage(), second.tool(), second.action(),
                second.actionClass(), second.args(), null, null);

        assertThat(Fingerprint.of("prod", List.of(secondMoved, firstMoved)))
                .isNotEqualTo(Fingerprint.of("prod", List.of(first, second)));
    }

    @Test
    void shouldChangeWhenTheSameStepsAreListedInAnotherOrderEvenWithTheSamePositions() {
        ValidatedStep a = new ValidatedStep(0, Stage.ACT, "kubectl", "scale", ActionClass.WRITE,
                args("{\"deployment\":\"web\"}"), null, null);
        ValidatedStep b = new ValidatedStep(0, Stage.ACT, "kubectl", "scale", ActionClass.WRITE,
                args("{\"deployment\":\"api\"}"), null, null);

        assertThat(Fingerprint.of("prod", List.of(b, a))).isNotEqualTo(Fingerprint.of("prod", List.of(a, b)));
    }

    @Test
    void shouldChangeWithTheAssertion() {
        Assertion four = new Assertion("/status/readyReplicas", "eq", Json.toTree(4));
        Assertion gte = new Assertion("/status/readyReplicas", "gte", Json.toTree(3));
        Assertion otherPointer = new Assertion("/status/replicas", "eq", Json.toTree(3));

        assertThat(List.of(
                Fingerprint.of("prod", List.of(scale(3), verify(four))),
                Fingerprint.of("prod", List.of(scale(3), verify(gte))),
                Fingerprint.of("prod", List.of(scale(3), verify(otherPointer))),
                Fingerprint.of("prod", List.of(scale(3), verify(null)))))
                .doesNotContain(base())
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldChangeWithTheTimeout() {
        ValidatedStep s = scale(3);
        ValidatedStep longer = new ValidatedStep(s.position(), s.stage(), s.tool(), s.action(), s.actionClass(),
                s.args(), s.assertion(), 61);
        ValidatedStep none = new ValidatedStep(s.position(), s.stage(), s.tool(), s.action(), s.actionClass(),
                s.args(), s.assertion(), null);

        assertThat(Fingerprint.of("prod", List.of(longer, verify(READY)))).isNotEqualTo(base());
        assertThat(Fingerprint.of("prod", List.of(none, verify(READY)))).isNotEqualTo(base());
    }

    @Test
    void shouldChangeWithTheActionClass() {
        ValidatedStep s = scale(3);
        ValidatedStep breakGlass = new ValidatedStep(s.position(), s.stage(), s.tool(), s.action(),
                ActionClass.BREAK_GLASS, s.args(), s.assertion(), s.timeoutSeconds());

        assertThat(Fingerprint.of("prod", List.of(breakGlass, verify(READY)))).isNotEqualTo(base());
    }

    @Test
    void shouldChangeWithTheToolOrAction() {
        ValidatedStep s = scale(3);
        ValidatedStep otherTool = new ValidatedStep(s.position(), s.stage(), "oc", s.action(), s.actionClass(),
                s.args(), s.assertion(), s.timeoutSeconds());
        ValidatedStep otherAction = new ValidatedStep(s.position(), s.stage(), s.tool(), "autoscale",
                s.actionClass(), s.args(), s.assertion(), s.timeoutSeconds());

        assertThat(Fingerprint.of("prod", List.of(otherTool, verify(READY)))).isNotEqualTo(base());
        assertThat(Fingerprint.of("prod", List.of(otherAction, verify(READY)))).isNotEqualTo(base());
    }

    @Test
    void shouldChangeWhenAStepIsAddedOrRemoved() {
        assertThat(Fingerprint.of("prod", List.of(scale(3)))).isNotEqualTo(base());
        assertThat(Fingerprint.of("prod", List.of(scale(3), verify(READY), verify(READY)))).isNotEqualTo(base());
    }

    @Test
    void shouldNotChangeWhenTheCallerMutatesTheArgumentsItPassedIn() {
        ObjectNode a = args("{\"replicas\":3}");
        ValidatedStep s = new ValidatedStep(0, Stage.ACT, "kubectl", "scale", ActionClass.WRITE, a, null, null);
        String before = Fingerprint.of("prod", List.of(s));

        a.put("replicas", 300);

        assertThat(Fingerprint.of("prod", List.of(s))).isEqualTo(before);
    }
}
