package io.kvcompliance.azure;

/** A page that is not a JSON object with a "value" array (or whose nextLink is not an absolute URL). */
public final class MalformedPageException extends PagingException {
    public MalformedPageException(String message, Throwable cause) {
        super(message, cause);
    }
}
