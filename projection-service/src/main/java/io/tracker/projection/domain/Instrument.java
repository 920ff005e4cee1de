package io.tracker.projection.domain;

import java.util.List;

/** An MOU (not binding) or a concluded agreement (binding) in force, with its signatories. */
public record Instrument(
        Kind kind,
        String title,
        boolean binding,
        FactStatus status,
        BusinessDate date,
        long streamVersion,
        List<Participant> signatories) {

    public enum Kind {
        MOU,
        AGREEMENT
    }

    public Instrument {
        signatories = Lists.copy(signatories);
    }
}
