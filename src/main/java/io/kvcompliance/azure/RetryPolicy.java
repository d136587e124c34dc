package io.kvcompliance.azure;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The one retry policy of every Azure call: wait and retry, refresh the token and retry, or give up. */
public final class RetryPolicy {
    /** Which service answered; throttling rules differ per service. */
    public enum Api { RESOURCE_MANAGER, KEY_VAULT, LOGIN }

    public enum Action { RETRY, REFRESH_TOKEN_AND_RETRY, GIVE_UP }

    /**
     * One failed attempt. {@code number} is 1-based; {@code status} 0 means no HTTP answer, then
     * {@code failure} is the I/O exception's class. {@code retryAfter} is the raw header, or null.
     */
    public record Attempt(Api api, int number, int status, String retryAfter, Class<? extends Throwable> failure,
                          boolean tokenRefreshed) {
        public Attempt {
            Objects.requireNonNull(api, "api");
            if (number < 1) {
                throw new IllegalArgumentException("Attempt numbers start at 1, was " + number);
            }
        }

        public static Attempt response(Api api, int number, int status, String retryAfter, boolean tokenRefreshed) {
            return new Attempt(api, number, status, retryAfter, null, tokenRefreshed);
        }

        public static Attempt ioFailure(Api api, int number, Class<? extends Throwable> failure) {
            return new Attempt(api, number, 0, null, failure, false);
        }
    }

    /** What to do next, how long to wait first, and why (for the log and the sync summary). */
    public record Decision(Action action, Duration delay, String reason) {
        public boolean retries() {
            return action != Action.GIVE_UP;
        }
    }

    private static final Set<Integer> TRANSIENT = Set.of(408, 500, 502, 503, 504);
    // retrying cannot fix a name that does not resolve or a certificate that is not trusted
    private static final Set<Class<? extends Throwable>> PERMANENT_IO = Set.of(UnknownHostException.class,
            SSLHandshakeException.class, SSLPeerUnverifiedException.class);

    private final RetrySettings settings;
    private final DoubleSupplier random;
    private final Clock clock;
    private final RetryStats stats;

    public RetryPolicy(RetrySettings settings) {
        this(settings, new Random()::nextDouble, Clock.systemUTC(), new RetryStats());
    }

    /** @param random uniform in [0, 1) for jitter; a seeded source makes every delay reproducible */
    public RetryPolicy(RetrySettings settings, DoubleSupplier random, Clock clock, RetryStats stats) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    public RetryStats stats() {
        return stats;
    }

    public Decision decide(Attempt a) {
        Decision d = classify(a);
        stats.record(a, d);
        return d;
    }

    private Decision classify(Attempt a) {
        if (a.status() == 0) {
            return ioFailure(a);
        }
        if (a.status() == 401) {
            if (a.api() == Api.LOGIN) {
                return giveUp("401 from Entra ID: the client credentials are rejected; refreshing cannot help");
            }
            return a.tokenRefreshed()
                    ? giveUp("401 again after a token refresh: the token is not accepted (wrong tenant or audience?)")
                    : new Decision(Action.REFRESH_TOKEN_AND_RETRY, Duration.ZERO,
                    "401: token expired or revoked; refreshing it once");
        }
        if (a.status() == 429) {
            return throttled(a);
        }
        if (TRANSIENT.contains(a.status())) {
            return transientFailure(a, "HTTP " + a.status());
        }
        return giveUp("HTTP " + a.status() + " is not retried: the same request would get the same answer");
    }

    private Decision ioFailure(Attempt a) {
        Class<? extends Throwable> f = a.failure();
        String name = f == null ? "no response" : f.getSimpleName();
        if (f != null && (!IOException.class.isAssignableFrom(f)
                || PERMANENT_IO.stream().anyMatch(p -> p.isAssignableFrom(f)))) {
            return giveUp(name + " is not a transient network failure; retrying cannot fix it");
        }
        return transientFailure(a, name);
    }

    private Decision throttled(Attempt a) {
        if (a.number() > settings.maxThrottledRetries()) {
            return giveUp("429 after " + settings.maxThrottledRetries() + " retries");
        }
        Optional<Duration> serverWait = RetryAfter.parse(a.retryAfter(), clock, settings.maxRetryAfter());
        if (serverWait.isPresent()) {
            // ARM: a request sent before Retry-After is not processed and only restarts the wait (arm-throttling)
            return retry(serverWait.get(), "429 with Retry-After");
        }
        // Key Vault often sends no Retry-After; its throttling guidance says back off 1, 2, 4, 8, 16 s
        Duration cap = a.api() == Api.KEY_VAULT ? settings.baseDelay().multipliedBy(16) : settings.maxDelay();
        return retry(backoff(a.number(), cap), "429 without Retry-After, exponential backoff");
    }

    private Decision transientFailure(Attempt a, String what) {
        if (a.number() > settings.maxTransientRetries()) {
            return giveUp(what + " after " + settings.maxTransientRetries() + " retries");
        }
        // a 503 may say when to come back (RFC 9110 §10.2.3); otherwise back off
        Optional<Duration> serverWait = RetryAfter.parse(a.retryAfter(), clock, settings.maxRetryAfter());
        return serverWait.map(d -> retry(d, what + " with Retry-After"))
                .orElseGet(() -> retry(backoff(a.number(), settings.maxDelay()), what + ", exponential backoff"));
    }

    /** base x 2^(n-1), capped, then +/- jitter. */
    private Duration backoff(int number, Duration cap) {
        double nanos = Math.min(settings.baseDelay().toNanos() * Math.pow(2, number - 1), cap.toNanos());
        double factor = 1 + settings.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofNanos(Math.round(nanos * factor));
    }

    private static Decision retry(Duration delay, String reason) {
        return new Decision(Action.RETRY, delay, reason + "; retrying in " + delay.toMillis() + " ms");
    }

    private static Decision giveUp(String reason) {
        return new Decision(Action.GIVE_UP, Duration.ZERO, reason);
    }
}
