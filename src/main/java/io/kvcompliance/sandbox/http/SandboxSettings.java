package io.kvcompliance.sandbox.http;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything that shapes one sandbox run: listener, token lifetimes, page caps, throttling limits
 * and injected faults. Immutable; the sandbox swaps in a new copy when tests or the admin endpoint
 * change a setting at run time. Every random choice derives from {@code seed}, so a run is repeatable.
 */
public record SandboxSettings(
        String bindAddress,
        int port,
        String dnsSuffix,
        long seed,
        Instant anchor,
        int accessTokenLifetimeSeconds,
        Map<String, Integer> pageCaps,
        int emptyPageEvery,
        boolean nextLinkVariants,
        int armBurst,
        double armRefillPerSecond,
        int armGlobalMultiplier,
        int kvWindowLimit,
        int kvWindowSeconds,
        int kvSubscriptionMultiplier,
        int latencyMillis,
        int jitterMillis,
        double error5xxRate,
        double resetRate,
        double slowRate,
        int slowMillis,
        int maxFaultsPerRequest,
        int deviceCodeIntervalSeconds,
        int deviceCodeLifetimeSeconds) {

    /** Page caps as Azure tends to serve them; fixtures and flags lower them to force many pages. */
    public static final Map<String, Integer> DEFAULT_PAGE_CAPS = Map.ofEntries(
            Map.entry("subscriptions", 50), Map.entry("vaults", 100), Map.entry("arm-keys", 25),
            Map.entry("arm-secrets", 25), Map.entry("dp-certificates", 25), Map.entry("dp-keys", 25),
            Map.entry("dp-secrets", 25), Map.entry("role-assignments", 100), Map.entry("role-definitions", 100),
            Map.entry("deleted-vaults", 100), Map.entry("managed-hsms", 100), Map.entry("versions", 25));

    public SandboxSettings {
        pageCaps = Map.copyOf(pageCaps);
        requireRate("error5xxRate", error5xxRate);
        requireRate("resetRate", resetRate);
        requireRate("slowRate", slowRate);
        if (accessTokenLifetimeSeconds < 1) {
            throw new IllegalArgumentException("token lifetime must be at least 1 second, got " + accessTokenLifetimeSeconds);
        }
    }

    private static void requireRate(String name, double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
        }
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings("127.0.0.1", 0, "sandbox.test", 1L, Instant.now(), 3600, DEFAULT_PAGE_CAPS, 0,
                true, 250, 25.0, 15, 4000, 10, 5, 0, 0, 0, 0, 0, 5000, 3, 1, 900);
    }

    /** Page cap of one list ("vaults", "dp-certificates"...); 1 at least. */
    public int pageCap(String list) {
        return Math.max(1, pageCaps.getOrDefault(list, 25));
    }

    /** A copy with some page caps replaced (fixture caps, then command-line caps). */
    public SandboxSettings withPageCaps(Map<String, Integer> overrides) {
        Map<String, Integer> merged = new HashMap<>(pageCaps);
        merged.putAll(overrides);
        return new Builder(this).pageCaps(merged).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String loginHost() {
        return "login." + dnsSuffix;
    }

    public String managementHost() {
        return "management." + dnsSuffix;
    }

    /** Suffix of vault hosts, with its leading dot: {@code .vault.sandbox.test}. */
    public String vaultDnsSuffix() {
        return ".vault." + dnsSuffix;
    }

    /** The host the sandbox serves foreign nextLinks on, to catch a collector that follows them. */
    public String foreignHost() {
        return "exfil." + dnsSuffix;
    }

    /** Step-by-step copy of the settings, for tests and the command line. */
    public static final class Builder {
        private String bindAddress;
        private int port;
        private String dnsSuffix;
        private long seed;
        private Instant anchor;
        private int accessTokenLifetimeSeconds;
        private Map<String, Integer> pageCaps;
        private int emptyPageEvery;
        private boolean nextLinkVariants;
        private int armBurst;
        private double armRefillPerSecond;
        private int armGlobalMultiplier;
        private int kvWindowLimit;
        private int kvWindowSeconds;
        private int kvSubscriptionMultiplier;
        private int latencyMillis;
        private int jitterMillis;
        private double error5xxRate;
        private double resetRate;
        private double slowRate;
        private int slowMillis;
        private int maxFaultsPerRequest;
        private int deviceCodeIntervalSeconds;
        private int deviceCodeLifetimeSeconds;

        Builder(SandboxSettings s) {
            bindAddress = s.bindAddress;
            port = s.port;
            dnsSuffix = s.dnsSuffix;
            seed = s.seed;
            anchor = s.anchor;
            accessTokenLifetimeSeconds = s.accessTokenLifetimeSeconds;
            pageCaps = s.pageCaps;
            emptyPageEvery = s.emptyPageEvery;
            nextLinkVariants = s.nextLinkVariants;
            armBurst = s.armBurst;
            armRefillPerSecond = s.armRefillPerSecond;
            armGlobalMultiplier = s.armGlobalMultiplier;
            kvWindowLimit = s.kvWindowLimit;
            kvWindowSeconds = s.kvWindowSeconds;
            kvSubscriptionMultiplier = s.kvSubscriptionMultiplier;
            latencyMillis = s.latencyMillis;
            jitterMillis = s.jitterMillis;
            error5xxRate = s.error5xxRate;
            resetRate = s.resetRate;
            slowRate = s.slowRate;
            slowMillis = s.slowMillis;
            maxFaultsPerRequest = s.maxFaultsPerRequest;
            deviceCodeIntervalSeconds = s.deviceCodeIntervalSeconds;
            deviceCodeLifetimeSeconds = s.deviceCodeLifetimeSeconds;
        }

        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder dnsSuffix(String value) {
            dnsSuffix = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder anchor(Instant value) {
            anchor = value;
            return this;
        }

        public Builder accessTokenLifetimeSeconds(int value) {
            accessTokenLifetimeSeconds = value;
            return this;
        }

        public Builder pageCaps(Map<String, Integer> value) {
            pageCaps = value;
            return this;
        }

        public Builder emptyPageEvery(int value) {
            emptyPageEvery = value;
            return this;
        }

        public Builder nextLinkVariants(boolean value) {
            nextLinkVariants = value;
            return this;
        }

        public Builder armBurst(int value) {
            armBurst = value;
            return this;
        }

        public Builder armRefillPerSecond(double value) {
            armRefillPerSecond = value;
            return this;
        }

        public Builder armGlobalMultiplier(int value) {
            armGlobalMultiplier = value;
            return this;
        }

        public Builder kvWindowLimit(int value) {
            kvWindowLimit = value;
            return this;
        }

        public Builder kvWindowSeconds(int value) {
            kvWindowSeconds = value;
            return this;
        }

        public Builder kvSubscriptionMultiplier(int value) {
            kvSubscriptionMultiplier = value;
            return this;
        }

        public Builder latencyMillis(int value) {
            latencyMillis = value;
            return this;
        }

        public Builder jitterMillis(int value) {
            jitterMillis = value;
            return this;
        }

        public Builder error5xxRate(double value) {
            error5xxRate = value;
            return this;
        }

        public Builder resetRate(double value) {
            resetRate = value;
            return this;
        }

        public Builder slowRate(double value) {
            slowRate = value;
            return this;
        }

        public Builder slowMillis(int value) {
            slowMillis = value;
            return this;
        }

        public Builder maxFaultsPerRequest(int value) {
            maxFaultsPerRequest = value;
            return this;
        }

        public Builder deviceCodeIntervalSeconds(int value) {
            deviceCodeIntervalSeconds = value;
            return this;
        }

        public Builder deviceCodeLifetimeSeconds(int value) {
            deviceCodeLifetimeSeconds = value;
            return this;
        }

        public SandboxSettings build() {
            return new SandboxSettings(bindAddress, port, dnsSuffix, seed, anchor, accessTokenLifetimeSeconds, pageCaps, emptyPageEvery, nextLinkVariants, armBurst, armRefillPerSecond, armGlobalMultiplier, kvWindowLimit, kvWindowSeconds, kvSubscriptionMultiplier, latencyMillis, jitterMillis, error5xxRate, resetRate, slowRate, slowMillis, maxFaultsPerRequest, deviceCodeIntervalSeconds, deviceCodeLifetimeSeconds);
        }
    }
}
