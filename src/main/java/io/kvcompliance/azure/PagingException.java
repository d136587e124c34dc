package io.kvcompliance.azure;

/** A list call whose pages cannot be trusted or followed; the list is incomplete and must not be marked done. */
public class PagingException extends IllegalStateException {
    public PagingException(String message) {
        super(message);
    }

    public PagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
