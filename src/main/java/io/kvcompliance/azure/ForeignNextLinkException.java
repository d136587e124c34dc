package io.kvcompliance.azure;

/** A nextLink that leaves the list's own host: following it would hand the bearer token to that host. */
public final class ForeignNextLinkException extends PagingException {
    public ForeignNextLinkException(String message) {
        super(message);
    }
}
