package io.tracker.projection.support;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * A reactive pool of the tests' own, beside the service's: to another database (a migration test's), or of one
 * connection (a transaction a failed batch left open would then be what the next batch runs in).
 */
public final class Pools {
    private Pools() {}

    /**
     * A pool to {@code jdbcUrl}'s server as {@code user}; {@code database} null: the URL's; {@code maxSize} 0: the
     * client's default size.
     */
    public static Pool of(Vertx vertx, String jdbcUrl, String user, String password, String database, int maxSize) {
        PgConnectOptions options = PgConnectOptions.fromUri(jdbcUrl.substring("jdbc:".length()))
                .setUser(user)
                .setPassword(password);
        if (database != null) {
            options.setDatabase(database);
        }
        PoolOptions pool = new PoolOptions();
        if (maxSize > 0) {
            pool.setMaxSize(maxSize);
        }
        return Pool.newInstance(PgBuilder.pool()
                .with(pool)
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build());
    }
}
