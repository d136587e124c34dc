package io.kvcompliance.delivery;

/**
 * One destination's figures for a sync: records delivered, records spooled because it stayed down,
 * records it refused (kept in rejected/), records replayed from earlier syncs' spool, and what is
 * still waiting in its spool.
 */
public record DeliveryStats(long delivered, long spooled, long rejected, long replayed, long pending) {
}
