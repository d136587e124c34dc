package io.kvcompliance.sandbox.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Key Vault's service limits: a fixed number of transactions per vault (and 5x that per
 * subscription) in each 10-second window. Refused requests do not count, per the current
 * "Azure Key Vault throttling guidance" text.
 */
public final class WindowLimiter {
    private final LongSupplier nanoClock;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    public WindowLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Counts one transaction against the key's current window; false when the window is full. */
    public boolean tryAcquire(String key, int limit, int windowSeconds) {
        long window = nanoClock.getAsLong() / (windowSeconds * 1_000_000_000L);
        long[] state = windows.computeIfAbsent(key, k -> new long[] {window, 0});
        synchronized (state) {
            if (state[0] != window) {
                state[0] = window;
                state[1] = 0;
            }
            if (state[1] >= limit) {
                return false;
            }
            state[1]++;
            return true;
        }
    }

    /** Returns a transaction counted by mistake (the subscription window refused after the vault's allowed). */
    public void release(String key) {
        long[] state = windows.get(key);
        if (state != null) {
            synchronized (state) {
                state[1] = Math.max(0, state[1] - 1);
            }
        }
    }

    public void reset() {
        windows.clear();
    }
}
