package io.kvcompliance.pipeline;

import io.kvcompliance.delivery.DeliveryStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A sync's figures: records per type, events of its Azure calls per API, delivery per destination, and
 * the NDJSON files it published. The summary record, the summary table, the API and the metrics read
 * them. Thread-safe.
 */
public final class SyncFigures {
    private final SyncProgress progress;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, DeliveryStats> deliveries = new ConcurrentSkipListMap<>();
    private volatile List<Path> outputs = List.of();

    SyncFigures(SyncProgress progress) {
        this.progress = progress;
    }

    public void count(String recordType) {
        counts.computeIfAbsent(recordType, k -> new LongAdder()).increment();
        progress.record();
    }

    public Map<String, Long> counts() {
        return sums(counts);
    }

    /** Counts one event of an Azure call ("resource-manager.requests", "key-vault.throttled", ...). */
    public void callEvent(String api, String event, long amount) {
        calls.computeIfAbsent(api + "." + event, k -> new LongAdder()).add(amount);
    }

    /** Requests, 429s received, retries and milliseconds waited, per API. */
    public Map<String, Long> callStats() {
        return sums(calls);
    }

    void delivery(String destination, DeliveryStats stats) {
        deliveries.put(destination, stats);
    }

    /** Per destination: records delivered, spooled, refused and replayed in this sync, and what waits. */
    public Map<String, DeliveryStats> deliveries() {
        return Map.copyOf(deliveries);
    }

    void outputs(List<Path> files) {
        this.outputs = List.copyOf(files);
    }

    /** The NDJSON files the sync published (one, or one per record type), once complete. */
    public List<Path> outputs() {
        return outputs;
    }

    /** The sync's one NDJSON file, or null when there is none (or one per record type). */
    public Path output() {
        return outputs.size() == 1 ? outputs.get(0) : null;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
