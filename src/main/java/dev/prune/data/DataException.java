package dev.prune.data;

/**
 * A dataset could not be found, read or trusted. The message is a single sentence that
 * names the offending path and says what the user can do, because it is shown as-is.
 */
public final class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
