package io.tracker.investment.api;

import java.net.SocketException;

import jakarta.inject.Singleton;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.tracker.http.ProblemMappers;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Hibernate Reactive (the known-negotiations view, read by every command that links a negotiation) wraps a
 * database failure in a {@code HibernateException}, e.g. {@code HibernateException: ClosedConnectionException}
 * when PostgreSQL goes away mid-query; the shared {@link ProblemMappers} only know the unwrapped failures, so
 * such a request was answered with a bare 500. The cause is answered as those answer it unwrapped: a lost or
 * refused connection is a 503 problem+json with Retry-After (nothing was recorded: the view is read before the
 * append), any other database error a 500 problem+json.
 */
@Singleton
public class PersistenceProblems {
    private static final Logger LOG = Logger.getLogger(PersistenceProblems.class);

    private final ProblemMappers problems;

    PersistenceProblems(ProblemMappers problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedConnectionException
                    || t instanceof SocketException
                    || t instanceof NoStackTraceThrowable) {
                return problems.unavailable(t, uri);
            }
            if (t instanceof PgException pg) {
                return problems.database(pg, uri);
            }
        }
        LOG.errorf(e, "database error on %s", uri.getPath());
        return problems.internal(uri);
    }
}
