package io.kvcompliance.pipeline;

/**
 * An Azure call that ended without success after the retry policy gave up: the HTTP status (0 for
 * an I/O failure), Azure's error code (ARM {@code error.code}, or the data plane's
 * {@code error.innererror.code} when present) and its message. Never carries a token.
 */
public class AzureCallException extends RuntimeException {
    private final int status;
    private final String errorCode;

    public AzureCallException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }
}
