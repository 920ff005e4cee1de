package io.tracker.core.api;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.tracker.core.api.checks.CheckedRequests;

/** A resource whose parameters are checked as a command service's are, before the method runs. */
@Path("/test-checks")
@PermitAll
@CheckedRequests
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.TEXT_PLAIN)
public class CheckedResource {
    static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();

    public record Note(
            @NotBlank @Size(max = 10) String title,
            @NotNull @Valid SourceRequest source) {}

    @POST
    @Path("/{id}")
    public String post(@PathParam("id") @Pattern(regexp = "[a-z]+") String id, @Valid @NotNull Note body) {
        CALLS.incrementAndGet();
        return id + ":" + body.title();
    }
}
