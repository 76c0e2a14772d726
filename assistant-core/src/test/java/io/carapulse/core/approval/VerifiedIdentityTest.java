package io.carapulse.core.approval;

import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.common.Json;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * People are matched only by their verified email: the on-call gate (qa: on call for PSCHED1 is
 * bob@example.com) and "the requester may not approve" across the API and Linear never take an OIDC
 * {@code sub}, an unverified email or a display name for one.
 */
@MicronautTest(environments = "test", transactional = false)
class VerifiedIdentityTest extends ChannelTestSupport {

    private static final String AUDIENCE = "carapulse";

    private MockOAuth2Server oauth;

    @Override
    public Map<String, String> getProperties() {
        oauth = new MockOAuth2Server();
        try {
            oauth.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("carapulse.auth.oidc.issuer", oauth.issuerUrl("default").toString());
        p.put("carapulse.auth.oidc.audience", AUDIENCE);
        p.put("carapulse.auth.oidc.role-mapping.approvers", "approver");
        p.put("carapulse.auth.oidc.role-mapping.operators", "operator");
        return p;
    }

    @AfterAll
    void stopIssuer() {
        oauth.shutdown();
    }

    private String token(String sub, Map<String, Object> claims) {
        return oauth.issueToken("default", sub, AUDIENCE, claims, 3600).serialize();
    }

    private TestHttp.Response approve(PlanEntity p, String jwt) {
        return http().post("/v1/plans/" + p.id() + "/approval", jwt, "{\"decision\":\"approve\"}");
    }

    private PlanEntity qaPlan() {
        PlanEntity p = plans.create(OLIVER, plan("qa", act("scale", "name", "web", "replicas", 3)));
        drain();
        return p;
    }

    @Test
    void shouldRefuseTheOnCallGateToASubThatLooksLikeTheOnCallEmail() {
        PlanEntity p = qaPlan();
        String impostor = token("bob@example.com", Map.of("groups", List.of("approvers"),
                "name", "bob@example.com", "preferred_username", "bob@example.com"));

        TestHttp.Response refused = approve(p, impostor);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("not_on_call");
        assertThat(refused.json().path("detail").asText()).contains("verified email");
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(audit.list(new AuditFilter("oidc:bob@example.com", "approval.decide", Decision.DENY, p.id(),
                null, null), 10).items()).singleElement()
                .satisfies(a -> assertThat(a.reason()).isEqualTo("not_on_call"));

        // the same person with the email claim their issuer vouches for is on call
        String bob = token("b0b-7f3a", Map.of("groups", List.of("approvers"), "email", "bob@example.com"));
        assertThat(approve(p, bob).status()).isEqualTo(200);
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void shouldNotTakeAnEmailTheIssuerMarksUnverified() {
        PlanEntity p = qaPlan();
        String unverified = token("m4ll-0ry", Map.of("groups", List.of("approvers"), "email", "bob@example.com",
                "email_verified", false));

        TestHttp.Response refused = approve(p, unverified);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("not_on_call");
        assertThat(http().get("/v1/me", unverified).json().path("name").asText()).isEqualTo("m4ll-0ry");
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void shouldRefuseAnApproverWhoseDisplayNameIsTheOnCallEmail() {
        PlanEntity p = qaPlan();
        Actor namedLikeBob = new Actor("oidc:m4ll-0ry", "bob@example.com", AuthKind.OIDC, Set.of(Role.APPROVER));

        assertThatThrownBy(() -> approvals.decide(namedLikeBob, p.id(),
                new ApprovalDecisionRequest("approve", null, null, null)))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).code()).isEqualTo("not_on_call"))
                .hasMessageContaining("verified email");
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void shouldRefuseTheRequesterApprovingTheirOwnPlanInLinearByTheirVerifiedEmail() {
        // Oliver asks through the API, signed in as a sub Linear never sees, with his verified email
        String oliver = token("0l1v-3r", Map.of("groups", List.of("operators"), "email", "Oliver@Example.com",
                "email_verified", true));
        TestHttp.Response created = http().post("/v1/plans", oliver,
                Json.write(plan("staging", act("scale", "name", "web", "replicas", 3))));
        assertThat(created.status()).isEqualTo(201);
        PlanEntity p = plans.require(created.json().path("id").asText());
        assertThat(p.requester()).isEqualTo("oidc:0l1v-3r");
        drain();
        assertThat(approvalOf(p).requestedByEmail()).isEqualTo("Oliver@Example.com");
        String issue = issueOf(p);

        world.linear.applyLabel(issue, ChannelWorld.OLIVER, "approval:approved");
        webhook(issue);
        drain();

        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.AWAITING_APPROVAL);
        assertThat(world.linear.commentBodies(issue)).singleElement().asString()
                .contains("oliver@example.com requested this plan");
        assertThat(audit.list(new AuditFilter("email:oliver@example.com", "approval.decide", Decision.DENY, p.id(),
                null, null), 10).items()).singleElement()
                .satisfies(a -> assertThat(a.reason()).isEqualTo("self_approval_forbidden"));
    }
}
