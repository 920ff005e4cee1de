package io.tracker.http;

import java.net.ConnectException;
import java.net.SocketException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.vertx.pgclient.PgException;

/** Throws what the shared mappers answer, as a resource of a service would. */
@Path("/faults")
public class FaultResource {

    @GET
    @Path("illegal-argument")
    public String illegalArgument() {
        // a bug of our own code (a value object refusing what the code handed it), not the client's input
        throw new IllegalArgumentException("slot 3 is not below 2");
    }

    @GET
    @Path("bad-input")
    public String badInput() {
        throw new BadInput("limit", "'many' is not a number");
    }

    /** An explicit bad-input exception, as each service declares its own. */
    static final class BadInput extends BadInputException {
        BadInput(String input, String message) {
            super(input, message, "bad-test-input", "A test input is not valid");
        }
    }

    @GET
    @Path("connect")
    public String connect() throws ConnectException {
        throw new ConnectException("Connection refused: localhost/127.0.0.1:15432");
    }

    @GET
    @Path("socket")
    public String socket() throws SocketException {
        throw new SocketException("Connection reset");
    }

    /** A PostgreSQL error with the given SQLSTATE, as the reactive client reports it. */
    @GET
    @Path("sqlstate/{code}")
    public String sqlState(@PathParam("code") String code) {
        throw new PgException("refused by the test", "ERROR", code, null);
    }
}
