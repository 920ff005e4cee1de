package io.tracker.projection.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * JSON or CSV of the same answer. {@code format=json|csv} decides when given; otherwise the Accept header
 * (text/csv when it prefers that to application/json). CSV per RFC 4180: a header row, CRLF line ends, fields
 * quoted where they hold a comma, a quote or a line break; lists inside a field joined by "; ".
 */
final class Exports {
    static final String CSV = "text/csv";
    static final String CSV_UTF8 = "text/csv; charset=UTF-8";
    private static final CsvMapper MAPPER = new CsvMapper();

    private Exports() {}

    /** A CSV table: its column names and its rows (each as long as the header; null is an empty field). */
    record Table(List<String> header, List<List<String>> rows) {}

    static boolean csv(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new BadParameterException("format", "'" + format + "' is not a format (json or csv)");
            };
        }
        if (headers == null) {
            return false;
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !accepted.isWildcardType()) {
                return false;
            }
            if (!accepted.isWildcardType() && accepted.isCompatible(MediaType.valueOf(CSV))) {
                return true;
            }
        }
        return false;
    }

    /** The answer in the format asked for; {@code name} names the file a browser saves the CSV as. */
    static Response respond(boolean csv, Object json, java.util.function.Supplier<Table> table, String name) {
        if (!csv) {
            return Response.ok(json, MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                    .build();
        }
        return Response.ok(write(table.get()), CSV_UTF8)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
                .build();
    }

    static String write(Table table) {
        List<List<String>> all = new ArrayList<>(table.rows().size() + 1);
        all.add(table.header());
        for (List<String> row : table.rows()) {
            List<String> fields = new ArrayList<>(row.size());
            row.forEach(f -> fields.add(f == null ? "" : f));
            all.add(fields);
        }
        try {
            return MAPPER.writer(CsvSchema.emptySchema().withLineSeparator("\r\n"))
                    .writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CSV export could not be written", e);
        }
    }
}
