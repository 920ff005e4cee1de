package io.tracker.investment.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tracker.investment.application.InvestmentCommands;
import io.tracker.investment.messaging.InvestmentEventCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads across investments on the command side. A negotiation id can only get into an investment through its
 * announcement or a correction of it, so the candidates are the streams with such an event naming the id; each
 * is then folded to see whether it still links to it. (Analysts' queries belong to projection-service.)
 */
@ApplicationScoped
public class InvestmentQueries {
    static final int LIMIT = 200;

    private final Pool pool;
    private final InvestmentCommands commands;

    InvestmentQueries(Pool pool, InvestmentCommands commands) {
        this.pool = pool;
        this.commands = commands;
    }

    Uni<List<InvestmentView>> linkedTo(String negotiationId) {
        return pool.preparedQuery("select distinct stream_id from es_events where stream_type = $1"
                        + " and event_type in ('InvestmentAnnounced', 'InvestmentFactCorrected')"
                        + " and (payload -> 'negotiationIds' ? $2 or payload -> 'correction' -> 'negotiationIds' ? $2)"
                        + " order by stream_id limit $3")
                .execute(Tuple.of(InvestmentEventCodec.STREAM_TYPE, negotiationId, LIMIT))
                .onItem()
                .transformToUni(rows -> {
                    List<String> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getString(0));
                    }
                    return Multi.createFrom()
                            .iterable(ids)
                            .onItem()
                            .transformToUniAndConcatenate(commands::load)
                            .filter(loaded -> loaded.exists()
                                    && loaded.state().announcement() != null
                                    && loaded.state()
                                            .announcement()
                                            .negotiationIds()
                                            .contains(negotiationId))
                            .map(InvestmentView::of)
                            .collect()
                            .asList();
                });
    }
}
