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
        return new SandboxSettingsBuilder(this).pageCaps(merged).build();
    }

    public SandboxSettingsBuilder toBuilder() {
        return new SandboxSettingsBuilder(this);
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
}
