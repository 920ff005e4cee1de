package io.tracker.http;

/**
 * Input the client must change: a field, header or parameter that cannot be used, named in the answer. These are
 * the only exceptions answered 400 (by {@link ProblemMappers#badInput}); code that reads client input catches a
 * value object's {@code IllegalArgumentException} and throws one of these naming the input, so that an
 * {@code IllegalArgumentException} that escapes is known to be a bug of ours (a 500), never blamed on the client.
 */
public abstract class BadInputException extends RuntimeException {
    private final String input;
    private final String type;
    private final String title;

    /**
     * @param input   the field path, header or parameter at fault, as the client wrote it
     * @param type    the problem type ({@code /problems/<type>})
     * @param title   the problem title
     */
    protected BadInputException(String input, String message, String type, String title) {
        super(message);
        this.input = input;
        this.type = type;
        this.title = title;
    }

    public String input() {
        return input;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The problem detail: by default the message. */
    public String detail() {
        return getMessage();
    }
}
