package io.tracker.investment.messaging;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tracker.core.messaging.SnapshotCodec;
import io.tracker.core.store.EncodedEvent;
import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentState;
import io.tracker.investment.domain.SharedValues;

/**
 * An investment's decision state as a snapshot (JSON): the stream's version, each standing fact (as corrected) in
 * its wire form ({@link InvestmentEventCodec}, the form the events are stored in) at its stream version, and the
 * versions of retracted facts. The encoding name carries its version: change the state's shape or this form, and
 * name a new version, so that older snapshots are ignored rather than misread.
 */
public final class InvestmentSnapshots implements SnapshotCodec<InvestmentState> {
    public static final String ENCODING = "investment-decision-state.v1";

    record Data(String id, int version, List<FactData> facts, List<Integer> retracted) {}

    record FactData(int version, String type, int schemaVersion, String data) {}

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final InvestmentEventCodec events;
    private final SharedValues values;

    public InvestmentSnapshots(InvestmentEventCodec events) {
        this(events, SharedValues.NONE);
    }

    /** Snapshots read back into states that keep their facts' repeated values in {@code values}. */
    public InvestmentSnapshots(InvestmentEventCodec events, SharedValues values) {
        this.events = events;
        this.values = values;
    }

    @Override
    public String encoding() {
        return ENCODING;
    }

    @Override
    public String encode(InvestmentState s) {
        List<FactData> facts = s.facts().entrySet().stream()
                .map(e -> {
                    EncodedEvent wire = events.encode(e.getValue());
                    return new FactData(e.getKey(), wire.type(), wire.schemaVersion(), wire.json());
                })
                .toList();
        try {
            return mapper.writeValueAsString(
                    new Data(s.investmentId(), s.version(), facts, List.copyOf(s.retracted())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InvestmentState decode(String snapshot) {
        try {
            Data d = mapper.readValue(snapshot, Data.class);
            SortedMap<Integer, InvestmentEvent> facts = new TreeMap<>();
            for (FactData f : d.facts()) {
                facts.put(f.version(), events.decode(f.type(), f.schemaVersion(), f.data()));
            }
            return InvestmentState.restore(d.id(), d.version(), facts, new TreeSet<>(d.retracted()), values);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a " + ENCODING + " snapshot", e);
        }
    }
}
