package io.tracker.http;

/**
 * The problem types every API answers alike (the {@code type} of a {@link Problem} is {@code /problems/<name>}).
 * A service's own refusals (a rule of the domain, a bad parameter, a rebuild already running) name their own types
 * next to these; a 4xx/5xx the REST layer raises itself is {@code /problems/http-<status>}.
 */
public final class ProblemTypes {
    /** 401: no bearer token, or one that is not valid. */
    public static final String UNAUTHORIZED = "unauthorized";
    /** 403: the token's roles do not allow the request. */
    public static final String FORBIDDEN = "forbidden";
    /** 414: the request line is longer than {@code tracker.http.max-uri-length}. */
    public static final String URI_TOO_LONG = "uri-too-long";
    /** 431: the headers are larger than {@code tracker.http.max-header-bytes}. */
    public static final String HEADERS_TOO_LARGE = "headers-too-large";
    /** 411: a body sent chunked, without its Content-Length. */
    public static final String LENGTH_REQUIRED = "length-required";
    /** 415: a body without a Content-Type. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    /** 503 with Retry-After: the database cannot be reached; the client may retry. */
    public static final String UNAVAILABLE = "unavailable";
    /** 500: anything unexpected, including an {@code IllegalArgumentException} of our own code (the log has it). */
    public static final String INTERNAL = "internal";
    /** Prefix of the REST layer's own refusals: {@code http-404}, {@code http-405}, {@code http-415}, … */
    public static final String HTTP_PREFIX = "http-";

    private ProblemTypes() {}
}
