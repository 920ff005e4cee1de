package io.tracker.projection.domain;

import java.util.List;
import java.util.Objects;

/**
 * A fact of a negotiation. {@code title} is what the event names (the negotiation's or MOU's title, the
 * committee's or forum's name, the talks' level); {@code description} what it says about it (summary,
 * mandate, purpose, outcome); {@code missionId} links a trade mission's announcement to its completion;
 * {@code parties} (countries) come with NegotiationOpened, {@code signatories} with MouSigned.
 */
public record NegotiationFact(
        FactDetails fact,
        String title,
        String description,
        String missionId,
        List<String> parties,
        List<Participant> signatories)
        implements EventBody {

    public NegotiationFact {
        Objects.requireNonNull(fact, "fact");
        parties = Lists.copy(parties);
        signatories = Lists.copy(signatories);
    }

    @Override
    public BusinessDate date() {
        return fact.date();
    }

    @Override
    public FactStatus status() {
        return fact.status();
    }

    @Override
    public List<Source> sources() {
        return fact.sources();
    }

    public NegotiationFact withFact(FactDetails corrected) {
        return new NegotiationFact(corrected, title, description, missionId, parties, signatories);
    }
}
