package io.kvcompliance.azure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** Optional client-side token bucket per principal and subscription, off by default; thread-safe. */
// ARM refills 25 read tokens/s into a 250-token bucket per principal and subscription (learn
// "request-limits-and-throttling"); pacing below that spares the sync the 429s it could have avoided
public final class ClientPacer {
    public static final String BURST = "kv.arm.pacer-burst";
    public static final String REFILL_PER_SECOND = "kv.arm.pacer-refill-per-second";
    public static final double DEFAULT_REFILL_PER_SECOND = 25;

    /** Waits; tests pass one that advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final int burst;
    private final double refillPerSecond;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongAdder acquisitions = new LongAdder();
    private final LongAdder delayed = new LongAdder();
    private final LongAdder waitedNanos = new LongAdder();

    public ClientPacer(int burst, double refillPerSecond) {
        this(burst, refillPerSecond, System::nanoTime, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /** @param burst 0 disables pacing; otherwise the bucket size, and refillPerSecond must be positive */
    public ClientPacer(int burst, double refillPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (burst < 0 || (burst > 0 && !(refillPerSecond > 0))) {
            throw new IllegalArgumentException("A pacer needs burst >= 0 and, when enabled, a positive refill rate;"
                    + " got burst " + burst + ", refill " + refillPerSecond + "/s");
        }
        this.burst = burst;
        this.refillPerSecond = refillPerSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    public static ClientPacer disabled() {
        return new ClientPacer(0, 0);
    }

    /** kv.arm.pacer-burst (default 0 = off; 250 mirrors ARM) and kv.arm.pacer-refill-per-second (default 25). */
    public static ClientPacer fromProperties(Function<String, String> property) {
        String burst = property.apply(BURST);
        String refill = property.apply(REFILL_PER_SECOND);
        int b;
        double r;
        try {
            b = burst == null || burst.isBlank() ? 0 : Integer.parseInt(burst.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BURST + "=" + burst + " is not a whole number: use 0 (no pacing)"
                    + " or a bucket size such as 250", e);
        }
        try {
            r = refill == null || refill.isBlank() ? DEFAULT_REFILL_PER_SECOND : Double.parseDouble(refill.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(REFILL_PER_SECOND + "=" + refill + " is not a number: use a rate"
                    + " such as 25", e);
        }
        if (b < 0 || (b > 0 && !(r > 0))) {
            throw new IllegalArgumentException(b < 0 ? BURST + "=" + burst + " is negative: use 0 (no pacing) or"
                    + " a bucket size such as 250" : REFILL_PER_SECOND + "=" + refill + " must be positive, e.g. 25");
        }
        return new ClientPacer(b, r);
    }

    public boolean enabled() {
        return burst > 0;
    }

    /** Takes one token from the key's bucket, first waiting until one has refilled; no-op when disabled. */
    public void acquire(String key) {
        if (!enabled()) {
            return;
        }
        acquisitions.increment();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoClock.getAsLong()));
        long waitNanos;
        synchronized (bucket) {
            long now = nanoClock.getAsLong();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedNanos) * refillPerSecond / 1e9);
            bucket.updatedNanos = now;
            // reserve the token now (the balance may go negative) so concurrent callers queue in order
            bucket.tokens -= 1;
            waitNanos = bucket.tokens >= 0 ? 0 : (long) Math.ceil(-bucket.tokens * 1e9 / refillPerSecond);
        }
        if (waitNanos > 0) {
            delayed.increment();
            waitedNanos.add(waitNanos);
            try {
                sleeper.sleep(Duration.ofNanos(waitNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while pacing Resource Manager calls", e);
            }
        }
    }

    public long acquisitions() {
        return acquisitions.sum();
    }

    /** Acquisitions that had to wait. */
    public long delayed() {
        return delayed.sum();
    }

    /** Total time callers were told to wait, for the sync summary. */
    public Duration waited() {
        return Duration.ofNanos(waitedNanos.sum());
    }
}
