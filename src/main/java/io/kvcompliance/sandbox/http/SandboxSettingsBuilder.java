package io.kvcompliance.sandbox.http;

import java.time.Instant;
import java.util.Map;

/** Step-by-step copy of sandbox settings, for tests and the command line. */
public final class SandboxSettingsBuilder {
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

    SandboxSettingsBuilder(SandboxSettings s) {
        bindAddress = s.bindAddress();
        port = s.port();
        dnsSuffix = s.dnsSuffix();
        seed = s.seed();
        anchor = s.anchor();
        accessTokenLifetimeSeconds = s.accessTokenLifetimeSeconds();
        pageCaps = s.pageCaps();
        emptyPageEvery = s.emptyPageEvery();
        nextLinkVariants = s.nextLinkVariants();
        armBurst = s.armBurst();
        armRefillPerSecond = s.armRefillPerSecond();
        armGlobalMultiplier = s.armGlobalMultiplier();
        kvWindowLimit = s.kvWindowLimit();
        kvWindowSeconds = s.kvWindowSeconds();
        kvSubscriptionMultiplier = s.kvSubscriptionMultiplier();
        latencyMillis = s.latencyMillis();
        jitterMillis = s.jitterMillis();
        error5xxRate = s.error5xxRate();
        resetRate = s.resetRate();
        slowRate = s.slowRate();
        slowMillis = s.slowMillis();
        maxFaultsPerRequest = s.maxFaultsPerRequest();
        deviceCodeIntervalSeconds = s.deviceCodeIntervalSeconds();
        deviceCodeLifetimeSeconds = s.deviceCodeLifetimeSeconds();
    }

    public SandboxSettingsBuilder bindAddress(String value) {
        bindAddress = value;
        return this;
    }

    public SandboxSettingsBuilder port(int value) {
        port = value;
        return this;
    }

    public SandboxSettingsBuilder dnsSuffix(String value) {
        dnsSuffix = value;
        return this;
    }

    public SandboxSettingsBuilder seed(long value) {
        seed = value;
        return this;
    }

    public SandboxSettingsBuilder anchor(Instant value) {
        anchor = value;
        return this;
    }

    public SandboxSettingsBuilder accessTokenLifetimeSeconds(int value) {
        accessTokenLifetimeSeconds = value;
        return this;
    }

    public SandboxSettingsBuilder pageCaps(Map<String, Integer> value) {
        pageCaps = value;
        return this;
    }

    public SandboxSettingsBuilder emptyPageEvery(int value) {
        emptyPageEvery = value;
        return this;
    }

    public SandboxSettingsBuilder nextLinkVariants(boolean value) {
        nextLinkVariants = value;
        return this;
    }

    public SandboxSettingsBuilder armBurst(int value) {
        armBurst = value;
        return this;
    }

    public SandboxSettingsBuilder armRefillPerSecond(double value) {
        armRefillPerSecond = value;
        return this;
    }

    public SandboxSettingsBuilder armGlobalMultiplier(int value) {
        armGlobalMultiplier = value;
        return this;
    }

    public SandboxSettingsBuilder kvWindowLimit(int value) {
        kvWindowLimit = value;
        return this;
    }

    public SandboxSettingsBuilder kvWindowSeconds(int value) {
        kvWindowSeconds = value;
        return this;
    }

    public SandboxSettingsBuilder kvSubscriptionMultiplier(int value) {
        kvSubscriptionMultiplier = value;
        return this;
    }

    public SandboxSettingsBuilder latencyMillis(int value) {
        latencyMillis = value;
        return this;
    }

    public SandboxSettingsBuilder jitterMillis(int value) {
        jitterMillis = value;
        return this;
    }

    public SandboxSettingsBuilder error5xxRate(double value) {
        error5xxRate = value;
        return this;
    }

    public SandboxSettingsBuilder resetRate(double value) {
        resetRate = value;
        return this;
    }

    public SandboxSettingsBuilder slowRate(double value) {
        slowRate = value;
        return this;
    }

    public SandboxSettingsBuilder slowMillis(int value) {
        slowMillis = value;
        return this;
    }

    public SandboxSettingsBuilder maxFaultsPerRequest(int value) {
        maxFaultsPerRequest = value;
        return this;
    }

    public SandboxSettingsBuilder deviceCodeIntervalSeconds(int value) {
        deviceCodeIntervalSeconds = value;
        return this;
    }

    public SandboxSettingsBuilder deviceCodeLifetimeSeconds(int value) {
        deviceCodeLifetimeSeconds = value;
        return this;
    }

    public SandboxSettings build() {
        return new SandboxSettings(bindAddress, port, dnsSuffix, seed, anchor, accessTokenLifetimeSeconds, pageCaps,
                emptyPageEvery, nextLinkVariants, armBurst, armRefillPerSecond, armGlobalMultiplier, kvWindowLimit,
                kvWindowSeconds, kvSubscriptionMultiplier, latencyMillis, jitterMillis, error5xxRate, resetRate, slowRate,
                slowMillis, maxFaultsPerRequest, deviceCodeIntervalSeconds, deviceCodeLifetimeSeconds);
    }
}
