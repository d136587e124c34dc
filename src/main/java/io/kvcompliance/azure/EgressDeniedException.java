package io.kvcompliance.azure;

/** A request the egress guard refused before it left the JVM: not one of the read-only metadata operations. */
public final class EgressDeniedException extends IllegalStateException {
    public EgressDeniedException(String message) {
        super(message);
    }
}
