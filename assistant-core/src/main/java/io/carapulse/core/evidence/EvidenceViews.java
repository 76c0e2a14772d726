package io.carapulse.core.evidence;

import io.carapulse.api.dto.EvidenceView;
import io.carapulse.api.dto.FollowUpView;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Evidence as the API shows it, each record with the addenda of its follow-ups. */
@Singleton
public class EvidenceViews {

    private final EvidenceRepository evidence;
    private final FollowUpRepository followUps;

    public EvidenceViews(EvidenceRepository evidence, FollowUpRepository followUps) {
        this.evidence = evidence;
        this.followUps = followUps;
    }

    /** Every evidence record of the execution, oldest first. */
    public List<EvidenceView> ofExecution(String executionId) {
        List<EvidenceEntity> records = evidence.findByExecutionIdOrderByStartedAt(executionId);
        Map<String, List<FollowUpView>> addenda = followUps.findByExecutionIdOrderByOrdinal(executionId).stream()
                .collect(Collectors.groupingBy(FollowUpEntity::evidenceId,
                        Collectors.mapping(FollowUps::view, Collectors.toList())));
        return records.stream().map(e -> EvidenceFactory.view(e, addenda.get(e.id()))).toList();
    }

    /** One evidence record. */
    public Optional<EvidenceView> one(String id) {
        return evidence.findById(id).map(e -> EvidenceFactory.view(e,
                followUps.findByEvidenceIdOrderByOrdinal(id).stream().map(FollowUps::view).toList()));
    }
}
