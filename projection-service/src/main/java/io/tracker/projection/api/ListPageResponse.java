package io.tracker.projection.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * One page of the agreement list as the HTTP answer: its rows as JSON or CSV, the number of matching agreements
 * in {@code X-Total-Count}, and the next page's link (the request with the next cursor) in {@code Link}.
 */
final class ListPageResponse {
    private ListPageResponse() {}

    static Response of(ListPage.Page page, boolean csv, UriInfo uri) {
        Response.ResponseBuilder answer = Response.fromResponse(
                        Exports.respond(csv, page.rows(), () -> CsvTables.agreements(page.rows()), "agreements"))
                .header("X-Total-Count", page.matching());
        if (page.next() != null) {
            answer.header(
                    "Link",
                    "<"
                            + uri.getRequestUriBuilder()
                                    .replaceQueryParam("cursor", page.next())
                                    .build() + ">; rel=\"next\"");
        }
        return answer.build();
    }
}
