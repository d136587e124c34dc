package io.kvcompliance.delivery;

import io.kvcompliance.records.ComplianceRecord;
import java.time.Instant;
import java.util.List;

/**
 * What a destination is handed, in order: batches of a sync's records, then the sync's end. Both are
 * spooled as they are when the destination is down, and replayed in the same order.
 */
public sealed interface DeliveryItem {
    String syncId();

    Instant syncTime();

    /** Records carried (0 for the end of a sync). */
    int size();

    /**
     * Records of one sync; {@code sequence} numbers the destination's batches of that sync from 1, so
     * {@code syncId-sequence} names a batch across retries and replays (the webhook's idempotency key).
     */
    record Batch(String syncId, Instant syncTime, long sequence, List<ComplianceRecord> records) implements DeliveryItem {
        public Batch {
            records = List.copyOf(records);
        }

        @Override
        public int size() {
            return records.size();
        }

        public String idempotencyKey() {
            return syncId + "-" + sequence;
        }
    }

    /**
     * The sync ended with this status: the database records the run and its safe tombstones, the
     * latter only when {@code allRecordsArrived} (no batch of the sync was refused or lost on the way).
     */
    record SyncEnd(String syncId, Instant syncTime, String status, boolean allRecordsArrived) implements DeliveryItem {
        @Override
        public int size() {
            return 0;
        }

        SyncEnd withRecordsMissing() {
            return new SyncEnd(syncId, syncTime, status, false);
        }
    }
}
