package io.kvcompliance.azure;

/** A nextLink the list already followed: following it again would page forever. */
public final class NextLinkLoopException extends PagingException {
    public NextLinkLoopException(String message) {
        super(message);
    }
}
