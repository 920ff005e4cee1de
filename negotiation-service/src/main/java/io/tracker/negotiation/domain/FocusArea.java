package io.tracker.negotiation.domain;

/** What a fact is about: a controlled vocabulary, so that facts can be compared and filtered. */
public enum FocusArea {
    AUTOMOTIVE_MANUFACTURING,
    ELECTRIC_VEHICLES,
    HYDROGEN_MOBILITY,
    FUTURE_MOBILITY,
    BATTERIES,
    BATTERY_MATERIALS,
    CRITICAL_MINERALS,
    CLEAN_ENERGY_TRANSITION,
    ENERGY_SECURITY,
    ARTIFICIAL_INTELLIGENCE,
    SUPPLY_CHAIN,
    INVESTMENT,
    TRADE,
    DEFENCE
}
