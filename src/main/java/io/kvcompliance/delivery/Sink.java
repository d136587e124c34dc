package io.kvcompliance.delivery;

/**
 * A destination of records (the database, a webhook, a Camel endpoint), as its {@link DeliveryChannel}
 * sees it. {@link #deliver} either takes the item, throws {@link RejectedDeliveryException} when the
 * destination refuses it for good (kept with the reason, not retried), or throws anything else when it
 * cannot take it now (retried, then spooled).
 */
public interface Sink {
    void deliver(DeliveryItem item) throws Exception;
}
