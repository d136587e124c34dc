package io.kvcompliance.azure;

import io.kvcompliance.azure.RetryPolicy.Action;
import io.kvcompliance.azure.RetryPolicy.Api;
import io.kvcompliance.azure.RetryPolicy.Attempt;
import io.kvcompliance.azure.RetryPolicy.Decision;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe retry counters per API for the sync summary: retries, 429s received, refreshes, give-ups, waiting. */
public final class RetryStats {
    private static final class Counters {
        final LongAdder retries = new LongAdder();
        final LongAdder throttled = new LongAdder();
        final LongAdder tokenRefreshes = new LongAdder();
        final LongAdder gaveUp = new LongAdder();
        final LongAdder waitedNanos = new LongAdder();
    }

    private final Map<Api, Counters> byApi = new EnumMap<>(Api.class);

    public RetryStats() {
        for (Api api : Api.values()) {
            byApi.put(api, new Counters()); // filled once, then only read: safe to share between threads
        }
    }

    void record(Attempt attempt, Decision decision) {
        Counters c = byApi.get(attempt.api());
        if (attempt.status() == 429) {
            c.throttled.increment();
        }
        if (decision.action() == Action.GIVE_UP) {
            c.gaveUp.increment();
        } else {
            c.retries.increment();
            c.waitedNanos.add(decision.delay().toNanos());
        }
        if (decision.action() == Action.REFRESH_TOKEN_AND_RETRY) {
            c.tokenRefreshes.increment();
        }
    }

    /** Retries decided, token refreshes included. */
    public long retries(Api api) {
        return byApi.get(api).retries.sum();
    }

    /** 429 answers received, whatever was decided. */
    public long throttled(Api api) {
        return byApi.get(api).throttled.sum();
    }

    public long tokenRefreshes(Api api) {
        return byApi.get(api).tokenRefreshes.sum();
    }

    public long gaveUp(Api api) {
        return byApi.get(api).gaveUp.sum();
    }

    /** Time the policy told callers to wait before retrying. */
    public Duration waited(Api api) {
        return Duration.ofNanos(byApi.get(api).waitedNanos.sum());
    }

    public Duration totalWaited() {
        long nanos = 0;
        for (Counters c : byApi.values()) {
            nanos += c.waitedNanos.sum();
        }
        return Duration.ofNanos(nanos);
    }

    /** For the sync summary: {api: {retries, throttled, tokenRefreshes, gaveUp, waitedMillis}}. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        byApi.forEach((api, c) -> out.put(api.name(), Map.of("retries", c.retries.sum(), "throttled",
                c.throttled.sum(), "tokenRefreshes", c.tokenRefreshes.sum(), "gaveUp", c.gaveUp.sum(),
                "waitedMillis", Duration.ofNanos(c.waitedNanos.sum()).toMillis())));
        return out;
    }
}
