package io.tracker.core.store;

/**
 * How far the log can be read in commit order without ever skipping an event. Positions come from a sequence,
 * so a transaction can take position 10 and commit after position 11 was read; readers therefore go in
 * (transaction id, position) order and only below a horizon under which no transaction can commit any more.
 *
 * <p>{@link #HORIZON} is the oldest transaction still running IN THIS DATABASE as the statement's snapshot sees
 * it, or the snapshot's xmax when there is none. {@code pg_snapshot_xmin} alone would do, but it is
 * cluster-wide: a long transaction in another database of the same PostgreSQL server would hold every reader
 * back until it ended. A transaction belongs to one database and can only write there, so a running transaction
 * that {@code pg_stat_activity} shows connected to ANOTHER database is left out; anything not positively shown
 * elsewhere (the session's entry already gone because it just ended, a prepared transaction, a background
 * process) still counts, which can only delay a reader, never make it skip. Transactions of this database still
 * hold the horizon back, as long as they run (docs/RELIABILITY.md, "Publication latency and long transactions").
 */
public final class CommitOrder {
    /** A scalar subquery: the xid8 every event below which is committed and visible to this statement. */
    public static final String HORIZON = "(select coalesce(min(x), pg_snapshot_xmax(pg_current_snapshot()))"
            + " from pg_snapshot_xip(pg_current_snapshot()) as x where not exists (select 1 from pg_stat_activity a"
            + " where a.backend_xid = x::xid and a.datname <> current_database()))";

    /**
     * True when the transaction id in {@code column} is below the {@link #HORIZON}, asked cheaply first: an id
     * below the snapshot's xmin (the oldest transaction running anywhere in the cluster) is below the horizon too,
     * since the horizon is the oldest of a subset of the running ones, or the xmax. Only an id at or above the xmin
     * needs HORIZON's look at {@code pg_stat_activity}; both are sub-selects that PostgreSQL runs once, the first
     * time a row needs them (InitPlans), so a read whose rows are all below the xmin never runs the second one.
     */
    public static String isFinal(String column) {
        return "(case when " + column + " < (select pg_snapshot_xmin(pg_current_snapshot())) then true else " + column
                + " < " + HORIZON + " end)";
    }

    private CommitOrder() {}
}
