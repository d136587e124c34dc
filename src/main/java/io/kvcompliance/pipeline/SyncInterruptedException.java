package io.kvcompliance.pipeline;

/** The collector is shutting down: this Azure call is not made, so its partition was not read. */
public final class SyncInterruptedException extends RuntimeException {
    SyncInterruptedException() {
        super("the collector is shutting down: this partition was not read (the next sync reads it)");
    }
}
