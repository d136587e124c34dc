package io.kvcompliance.azure;

/** A list that still had a nextLink after the configured maximum number of pages. */
public final class PageLimitExceededException extends PagingException {
    public PageLimitExceededException(String message) {
        super(message);
    }
}
