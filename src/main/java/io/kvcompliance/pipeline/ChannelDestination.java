package io.kvcompliance.pipeline;

import io.kvcompliance.delivery.DeliveryChannel;
import io.kvcompliance.records.ComplianceRecord;

/** A destination reached through a {@link DeliveryChannel}: batched, retried, spooled when down. */
final class ChannelDestination implements Destination {
    private final DeliveryChannel channel;
    private final AutoCloseable resource;

    /** @param resource closed with the destination (the record store's connection), or null */
    ChannelDestination(DeliveryChannel channel, AutoCloseable resource) {
        this.channel = channel;
        this.resource = resource;
    }

    @Override
    public String name() {
        return channel.name();
    }

    @Override
    public void stopRetrying() {
        channel.stopRetrying();
    }

    @Override
    public String describe() {
        return channel + (resource == null ? "" : "; " + resource);
    }

    @Override
    public void accept(SyncRun sync, ComplianceRecord record) {
        channel.accept(sync.syncId(), sync.startedAt(), record);
    }

    @Override
    public void begin(SyncRun sync) {
        channel.resetStats();
        channel.replay();
        sync.figures().delivery(name(), channel.stats());
    }

    @Override
    public void flush(SyncRun sync) {
        channel.flush();
        sync.figures().delivery(name(), channel.stats());
    }

    @Override
    public void complete(SyncRun sync) {
        channel.end(sync.syncId(), sync.startedAt(), sync.status().name());
        sync.figures().delivery(name(), channel.stats());
    }

    /** Whatever is buffered goes out (or to the spool) before the process stops. */
    @Override
    public void close() {
        channel.flush();
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close destination " + name() + ": " + e.getMessage(), e);
            }
        }
    }
}
