package io.kvcompliance.delivery;

/**
 * The record store as a destination: batches are written, a sync's end records the run and its
 * tombstones. An outage is retried and spooled; a batch the database refuses as data is kept aside.
 */
public final class DatabaseSink implements Sink {
    private final RecordStore store;

    public DatabaseSink(RecordStore store) {
        this.store = store;
    }

    @Override
    public String toString() {
        return "record store";
    }

    @Override
    public void deliver(DeliveryItem item) throws RejectedDeliveryException {
        try {
            if (item instanceof DeliveryItem.Batch batch) {
                store.write(batch.syncId(), batch.syncTime(), batch.records());
            } else if (item instanceof DeliveryItem.SyncEnd end) {
                store.complete(end.syncId(), end.syncTime(), end.status(), end.allRecordsArrived());
            }
        } catch (RecordStoreException e) {
            // a data exception or a broken constraint (SQLState 22, 23) fails the same way on every retry:
            // kept aside with its reason, so it cannot hold every later batch behind it in the spool
            if (RecordStore.sqlStateClass(e, "22", "23")) {
                throw new RejectedDeliveryException(e.getMessage());
            }
            throw e;
        }
    }
}
