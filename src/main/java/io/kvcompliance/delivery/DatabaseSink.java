package io.kvcompliance.delivery;

/** The record store as a destination: batches are written, a sync's end records the run and its tombstones. */
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
    public void deliver(DeliveryItem item) {
        if (item instanceof DeliveryItem.Batch batch) {
            store.write(batch.syncId(), batch.syncTime(), batch.records());
        } else if (item instanceof DeliveryItem.SyncEnd end) {
            store.complete(end.syncId(), end.syncTime(), end.status());
        }
    }
}
