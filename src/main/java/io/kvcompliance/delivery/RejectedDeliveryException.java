package io.kvcompliance.delivery;

/** The destination refused an item for good (a webhook's 4xx): retrying cannot help, so it is kept aside. */
public final class RejectedDeliveryException extends Exception {
    public RejectedDeliveryException(String reason) {
        super(reason);
    }
}
