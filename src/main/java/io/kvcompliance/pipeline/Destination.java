package io.kvcompliance.pipeline;

import io.kvcompliance.records.ComplianceRecord;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

/**
 * One recipient of the deliver route's recipient list (bound as bean {@code kvDeliver-<name>}): takes
 * each record of a sync, and hears when the sync begins, when its records are all out, and when it ends.
 */
interface Destination extends Processor, AutoCloseable {
    String name();

    /** The record this exchange carries goes to the destination. */
    void accept(SyncRun sync, ComplianceRecord record);

    /** Before the sync's first record: replay what earlier syncs left in the spool. */
    void begin(SyncRun sync);

    /** Every record so far is out (delivered or spooled); the sync's figures are up to date. */
    void flush(SyncRun sync);

    /** The sync ended (its summary delivered): publish, record the run, tombstone. */
    void complete(SyncRun sync);

    @Override
    default void process(Exchange exchange) throws InvalidPayloadException {
        accept(exchange.getProperty("kvSync", SyncRun.class), exchange.getMessage().getMandatoryBody(ComplianceRecord.class));
    }

    /** Shutting down: no more retries, a failure goes to the spool at once. */
    default void stopRetrying() {
    }

    /** One line for {@code check}: where it goes and what waits for it. */
    String describe();

    @Override
    default void close() {
    }
}
