package io.tracker.core.store;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;

/**
 * Creates the reactive datasource's pool so that its connections keep every statement they prepare, whatever its
 * length. Quarkus calls this bean instead of creating the pool itself, with the pool options and the connect options it
 * built from the configuration ({@code quarkus.datasource.reactive.*}, {@code cache-prepared-statements} included);
 * only the length limit changes. The Vert.x client keeps a prepared statement only when its text is shorter than
 * 2,048 characters by default ({@code SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT}): a longer one is
 * sent as a new unnamed statement at every execution, so PostgreSQL parses and plans it every time, whatever
 * {@code plan_cache_mode} says. The group append ({@link GroupAppend#SQL}) is longer than that.
 */
@Singleton
public class KeptStatements implements PgPoolCreator {
    /** The longest statement text a connection keeps prepared, in characters (the group append is ~2,200). */
    static final int SQL_LIMIT = 16_384;

    @Override
    public Pool create(Input input) {
        List<PgConnectOptions> databases = input.pgConnectOptionsList().stream()
                .map(KeptStatements::keepLongStatements)
                .toList();
        return PgDriver.INSTANCE.createPool(input.vertx(), databases, input.poolOptions());
    }

    /** {@code options}, keeping statements up to {@link #SQL_LIMIT} characters (for connections made elsewhere). */
    static PgConnectOptions keepLongStatements(PgConnectOptions options) {
        return options.setPreparedStatementCacheSqlLimit(SQL_LIMIT);
    }
}
