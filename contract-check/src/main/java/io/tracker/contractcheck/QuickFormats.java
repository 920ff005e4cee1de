package io.tracker.contractcheck;

import static io.tracker.contractcheck.QuickSchemaCheck.INVALID;
import static io.tracker.contractcheck.QuickSchemaCheck.VALID;

import com.networknt.schema.Format;
import com.networknt.schema.format.DateFormat;
import com.networknt.schema.format.UriFormat;

import io.tracker.contractcheck.QuickSchemaCheck.Check;

/**
 * The quick checks of the {@code format} keyword, date and uri, with networknt's own formats (the date's plain
 * yyyy-mm-dd checked by hand first); any other format throws {@link UnsupportedOperationException}.
 */
final class QuickFormats {
    private static final Format DATE = new DateFormat();
    private static final Format URI = new UriFormat();

    private QuickFormats() {}

    static Check format(String name) {
        return switch (name) {
            case "date" ->
                n -> !n.isTextual() || QuickSchemaCheck.plainDate(n.textValue()) || DATE.matches(null, n.textValue())
                        ? VALID
                        : INVALID;
            case "uri" -> n -> !n.isTextual() || URI.matches(null, n.textValue()) ? VALID : INVALID;
            default -> throw new UnsupportedOperationException("format " + name);
        };
    }
}
