package io.tracker.core.api;

import java.time.LocalDate;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;

/** What a command service's resource throws on bad input, and what a bug of its own throws. */
@Path("/test-refusals")
@PermitAll
public class RefusalResource {

    @GET
    @Path("bad-field")
    public String badField() {
        // the client's date, read as a resource reads it: Fields names the field when the text is not a date
        return Fields.date("signedOn", "2026-02-30", FactStatus.OCCURRED, LocalDate.of(2026, 12, 1))
                .text();
    }

    @GET
    @Path("bad-header")
    public String badHeader() {
        throw new BadHeaderException("If-Match", "not a version: \"x\"");
    }

    @GET
    @Path("illegal-argument")
    public String illegalArgument() {
        // a bug of our own: code handing a value object something it refuses, not the client's input
        return BusinessDate.parse("not a date").text();
    }
}
