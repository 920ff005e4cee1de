package io.tracker.projection.domain;

import java.util.List;

/**
 * The content of an event as the projection reads it. Every body answers the three questions the read
 * models ask of any event: when (business date; null for a retraction), with what status (null when the
 * event states none) and on which sources.
 */
public sealed interface EventBody
        permits NegotiationFact,
                StatusChange,
                InvestmentFact,
                NegotiationCorrection,
                InvestmentCorrection,
                Retraction,
                Figure {

    BusinessDate date();

    FactStatus status();

    List<Source> sources();
}
