package io.kvcompliance.pipeline;

import io.kvcompliance.delivery.DeliveryStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's Prometheus metrics (on /observe/metrics with the run command): syncs by status and
 * their duration, records by type, Azure requests and 429s by API, the last sync's coverage gaps by
 * status, records waiting in each destination's spool, and skipped triggers.
 */
final class SyncMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    SyncMetrics(MeterRegistry registry, SyncControl control) {
        this.registry = registry;
        Gauge.builder("kv.sync.running", control, c -> c.running().isPresent() ? 1 : 0)
                .description("1 while a sync runs").register(registry);
        // series that exist from the start, at 0, so a dashboard or alert never sees "no data" for "none yet"
        for (String api : new String[] {"resource-manager", "key-vault"}) {
            azure("requests", api);
            azure("throttled", api);
        }
        control.onFinished(this::finished);
        control.onSkipped(trigger -> Counter.builder("kv.sync.skipped").tag("trigger", trigger)
                .description("sync triggers skipped because a sync was running").register(registry).increment());
    }

    private void finished(SyncRun sync) {
        String status = sync.status().name();
        Counter.builder("kv.syncs").tag("status", status).description("syncs ended, by status").register(registry)
                .increment();
        Timer.builder("kv.sync.duration").tag("status", status).description("sync duration").register(registry)
                .record(sync.duration());
        sync.figures().counts().forEach((type, n) -> Counter.builder("kv.records").tag("type", type)
                .description("records produced, by type (each goes to every destination)").register(registry).increment(n));
        sync.figures().callStats().forEach((key, n) -> {
            String api = key.substring(0, key.lastIndexOf('.'));
            String event = key.substring(key.lastIndexOf('.') + 1);
            if (event.equals("requests") || event.equals("throttled")) {
                azure(event, api).increment(n);
            }
        });
        // a status the last sync had no gap of reads 0, not the count of an older sync
        gauges.keySet().stream().filter(k -> k.startsWith("gaps/")).forEach(k -> gauges.get(k).set(0));
        sync.gapsByStatus().forEach((gapStatus, n) -> gauge("gaps/" + gapStatus, "kv.coverage.gaps", "status", gapStatus,
                "partitions the last sync could not read, by coverage status").set(n));
        for (Map.Entry<String, DeliveryStats> d : sync.figures().deliveries().entrySet()) {
            gauge("spool/" + d.getKey(), "kv.delivery.spooled", "destination", d.getKey(),
                    "records waiting in a destination's spool").set(d.getValue().pending());
        }
        gauge("last-end/" + status, "kv.sync.last.end", "status", status,
                "Unix time the last sync with this status ended").set(sync.finishedAt().getEpochSecond());
    }

    private Counter azure(String event, String api) {
        return Counter.builder("kv.azure." + event).tag("api", api)
                .description("Azure " + (event.equals("requests") ? "requests" : "429 answers") + ", by API")
                .register(registry);
    }

    private AtomicLong gauge(String key, String name, String tag, String value, String description) {
        return gauges.computeIfAbsent(key, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).tag(tag, value).description(description).register(registry);
            return holder;
        });
    }
}
