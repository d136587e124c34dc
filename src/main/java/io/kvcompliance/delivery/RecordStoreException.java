package io.kvcompliance.delivery;

/** A record store write that failed (the database is down, a constraint broke): retried, then spooled. */
public final class RecordStoreException extends RuntimeException {
    RecordStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
