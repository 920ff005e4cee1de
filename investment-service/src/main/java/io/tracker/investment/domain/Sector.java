package io.tracker.investment.domain;

/** The segment of the battery and auto value chain an investment is in. */
public enum Sector {
    CRITICAL_MINERALS_MINING,
    CRITICAL_MINERALS_REFINING,
    PRECURSOR_MATERIALS,
    CATHODE_MATERIALS,
    ANODE_MATERIALS,
    SEPARATORS,
    ELECTROLYTES,
    COPPER_FOIL,
    BATTERY_CELLS,
    BATTERY_MODULES_AND_PACKS,
    BATTERY_RECYCLING,
    EV_ASSEMBLY,
    AUTO_PARTS,
    HYDROGEN_MOBILITY,
    OTHER
}
