package io.kvcompliance.pipeline;

import io.kvcompliance.records.ComplianceRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destinations of kv.delivery.endpoints (bean {@code deliveries}): the deliver route's recipient
 * list, and the steps of a sync that concern all of them: replay the spools before the first record,
 * flush before the summary, publish and tombstone at the end.
 */
public final class Deliveries implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private final List<Destination> destinations;

    private Deliveries(List<Destination> destinations) {
        this.destinations = destinations;
    }

    static void bind(CamelContext context, java.util.function.Function<String, String> property) throws Exception {
        List<Destination> destinations = DeliveryEndpoints.fromProperties(context, property);
        Registry registry = context.getRegistry();
        destinations.forEach(d -> registry.bind(beanName(d), d));
        Deliveries deliveries = new Deliveries(destinations);
        registry.bind("deliveries", deliveries);
        context.addService(deliveries, true, false);
    }

    private static String beanName(Destination d) {
        return "kvDeliver-" + d.name();
    }

    /** The deliver route's recipients: one bean endpoint per destination. */
    public List<String> recipients() {
        return destinations.stream().map(d -> "bean:" + beanName(d)).toList();
    }

    /** One line per destination, for the check command. */
    public List<String> describe() {
        return destinations.stream().map(Destination::describe).toList();
    }

    /** Counts a record into the sync's summary, once, whatever the number of destinations. */
    public void counted(SyncRun sync, ComplianceRecord record) {
        sync.figures().count(record.type().jsonName());
    }

    public void begin(SyncRun sync) {
        destinations.forEach(d -> d.begin(sync));
    }

    public void flush(SyncRun sync) {
        each(sync, "flush", d -> d.flush(sync));
    }

    /** Ends the sync at every destination. */
    public void complete(SyncRun sync) {
        each(sync, "end", d -> d.complete(sync));
    }

    /**
     * Shutting down: a destination that fails now is spooled at once instead of retried, so the sync
     * being interrupted ends within the shutdown timeout.
     */
    public void stopRetrying() {
        destinations.forEach(Destination::stopRetrying);
    }

    /**
     * One destination failing (its spool unwritable, its files unpublishable) keeps no other from the
     * step; the sync records the failure, so it ends FAILED rather than claiming records it may have lost.
     */
    private void each(SyncRun sync, String step, java.util.function.Consumer<Destination> action) {
        for (Destination d : destinations) {
            try {
                action.accept(d);
            } catch (RuntimeException e) {
                LOG.error("destination {} could not {} sync {}: {}", d.name(), step, sync.syncId(), e.getMessage());
                sync.failure("delivery to " + d.name() + " failed: " + e.getMessage(), false);
            }
        }
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        List<Destination> reversed = new ArrayList<>(destinations);
        java.util.Collections.reverse(reversed);
        reversed.forEach(Destination::close);
    }
}
