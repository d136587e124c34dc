package io.kvcompliance.sandbox.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the sandbox saw: requests per operation, 429s served per API, injected faults, and
 * violations (a secret value or key material requested, a write attempted, a token with the wrong
 * audience, a token sent to a foreign host). Tests read it in-process; /_sandbox/metrics serves it.
 */
public final class SandboxMetrics {
    /** Kinds of violation a read-only, value-blind collector must never cause. */
    public enum ViolationKind {
        SECRET_VALUE_READ, KEY_MATERIAL_READ, PRIVATE_KEY_READ, WRITE_ATTEMPTED,
        WRONG_AUDIENCE_TOKEN, TOKEN_SENT_TO_FOREIGN_HOST, REQUEST_TO_FOREIGN_HOST
    }

    /** One violation with the request that caused it (never the token itself). */
    public record Violation(ViolationKind kind, String method, String url, Instant at) {
    }

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Violation> violations = new ConcurrentLinkedQueue<>();
    private final LongAdder connections = new LongAdder();

    /** Counts an accepted connection (TLS included), so a test can prove a refused call never connected. */
    public void countConnection() {
        connections.increment();
    }

    public long connections() {
        return connections.sum();
    }

    public void countRequest(String operation) {
        requests.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    public void countThrottled(String api) {
        throttled.computeIfAbsent(api, k -> new LongAdder()).increment();
    }

    public void countFault(String kind) {
        faults.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public void violation(ViolationKind kind, SandboxRequest request) {
        violations.add(new Violation(kind, request.method(), "https://" + request.hostHeader() + request.pathAndQuery(),
                Instant.now()));
    }

    public long requests(String operation) {
        LongAdder a = requests.get(operation);
        return a == null ? 0 : a.sum();
    }

    public long totalRequests() {
        return requests.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Requests whose operation starts with the prefix ("arm:", "dp:", "login:"). */
    public long requestsWithPrefix(String prefix) {
        return requests.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    public long throttled(String api) {
        LongAdder a = throttled.get(api);
        return a == null ? 0 : a.sum();
    }

    public long faults(String kind) {
        LongAdder a = faults.get(kind);
        return a == null ? 0 : a.sum();
    }

    public List<Violation> violations() {
        return new ArrayList<>(violations);
    }

    public long violationCount() {
        return violations.size();
    }

    public long violations(ViolationKind kind) {
        return violations.stream().filter(v -> v.kind() == kind).count();
    }

    public Map<String, Long> requestCounts() {
        return snapshot(requests);
    }

    /** A JSON-ready view of everything counted. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new TreeMap<>();
        out.put("requests", snapshot(requests));
        out.put("totalRequests", totalRequests());
        out.put("throttled", snapshot(throttled));
        out.put("faults", snapshot(faults));
        out.put("violationCount", violations.size());
        out.put("connections", connections.sum());
        out.put("violations", violations());
        return out;
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        requests.clear();
        throttled.clear();
        faults.clear();
        violations.clear();
        connections.reset();
    }
}
