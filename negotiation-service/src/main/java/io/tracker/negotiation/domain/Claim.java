package io.tracker.negotiation.domain;

import io.tracker.core.domain.BusinessDate;

/**
 * A statement attributed to a source, recorded as that source's claim and not as a fact: e.g. an opinion piece's
 * claim that Korea could move automotive production from the USA to Canada. It never supports a fact.
 * {@code madeOn} is when the source made it, null when the source does not say.
 */
public record Claim(String statement, CitedSource source, BusinessDate madeOn) {}
