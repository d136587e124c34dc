package io.kvcompliance.sandbox.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, per request, whether to inject a 5xx, a dropped connection or a slow answer, and how much
 * latency to add. Each decision hashes the seed with the request line and how many times that same
 * request was seen, so a run is repeatable under concurrency; a request is faulted at most
 * {@code maxFaultsPerRequest} times so that a client with bounded retries can always finish.
 */
public final class FaultPolicy {
    /** What to do to one request. */
    public enum Fault { NONE, SERVER_ERROR, SERVICE_UNAVAILABLE, CONNECTION_RESET, SLOW }

    /** The decision for one request: the fault and the delay before answering. */
    public record Decision(Fault fault, long delayMillis) {
    }

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faulted = new ConcurrentHashMap<>();

    public Decision decide(SandboxSettings s, String requestKey) {
        int attempt = attempts.computeIfAbsent(requestKey, k -> new AtomicInteger()).getAndIncrement();
        long delay = s.latencyMillis();
        if (s.jitterMillis() > 0) {
            delay += (long) (Seeded.uniform(s.seed(), "jitter", requestKey, attempt) * (s.jitterMillis() + 1));
        }
        double total = s.error5xxRate() + s.resetRate() + s.slowRate();
        if (total <= 0) {
            return new Decision(Fault.NONE, delay);
        }
        AtomicInteger faults = faulted.computeIfAbsent(requestKey, k -> new AtomicInteger());
        if (faults.get() >= s.maxFaultsPerRequest()) {
            return new Decision(Fault.NONE, delay);
        }
        double u = Seeded.uniform(s.seed(), "fault", requestKey, attempt);
        Fault fault = pick(s, u);
        if (fault == Fault.NONE) {
            return new Decision(fault, delay);
        }
        faults.incrementAndGet();
        return new Decision(fault, fault == Fault.SLOW ? delay + s.slowMillis() : delay);
    }

    private static Fault pick(SandboxSettings s, double u) {
        if (u < s.error5xxRate()) {
            return u < s.error5xxRate() / 2 ? Fault.SERVER_ERROR : Fault.SERVICE_UNAVAILABLE;
        }
        if (u < s.error5xxRate() + s.resetRate()) {
            return Fault.CONNECTION_RESET;
        }
        if (u < s.error5xxRate() + s.resetRate() + s.slowRate()) {
            return Fault.SLOW;
        }
        return Fault.NONE;
    }

    /** Forget attempt counts (a new test, a new run). */
    public void reset() {
        attempts.clear();
        faulted.clear();
    }
}
