package io.kvcompliance.sandbox;

import io.kvcompliance.sandbox.entra.TokenService;
import io.kvcompliance.sandbox.fixture.FixtureClock;
import io.kvcompliance.sandbox.http.FaultPolicy;
import io.kvcompliance.sandbox.http.SandboxMetrics;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.http.TokenBucketLimiter;
import io.kvcompliance.sandbox.http.WindowLimiter;
import io.kvcompliance.sandbox.model.TenantStore;
import io.kvcompliance.sandbox.tls.CertificateMinter;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/** The state every sandbox handler shares: tenant, settings, tokens, limiters, faults and counters. */
public final class SandboxContext {
    private final TenantStore store;
    private final AtomicReference<SandboxSettings> settings;
    private final SandboxMetrics metrics = new SandboxMetrics();
    private final TokenService tokens = new TokenService();
    private final FaultPolicy faults = new FaultPolicy();
    private final TokenBucketLimiter armLimiter;
    private final WindowLimiter vaultLimiter;
    private final CertificateMinter minter;
    private final FixtureClock clock;
    private final LongSupplier nanoClock;
    private volatile String trustPem = "";

    public SandboxContext(TenantStore store, SandboxSettings settings, LongSupplier nanoClock) {
        this.store = store;
        this.settings = new AtomicReference<>(settings);
        this.nanoClock = nanoClock;
        this.armLimiter = new TokenBucketLimiter(nanoClock);
        this.vaultLimiter = new WindowLimiter(nanoClock);
        this.minter = new CertificateMinter(settings.seed());
        this.clock = new FixtureClock(settings.anchor());
    }

    public TenantStore store() {
        return store;
    }

    public SandboxSettings settings() {
        return settings.get();
    }

    public void updateSettings(UnaryOperator<SandboxSettings> change) {
        settings.updateAndGet(change);
    }

    public SandboxMetrics metrics() {
        return metrics;
    }

    public TokenService tokens() {
        return tokens;
    }

    public FaultPolicy faults() {
        return faults;
    }

    public TokenBucketLimiter armLimiter() {
        return armLimiter;
    }

    public WindowLimiter vaultLimiter() {
        return vaultLimiter;
    }

    public CertificateMinter minter() {
        return minter;
    }

    public FixtureClock clock() {
        return clock;
    }

    /** Wall-clock seconds for token lifetimes (tokens must expire in real time, whatever the anchor). */
    public long nowEpochSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** The listener certificate in PEM, set once the TLS identity is known. */
    public String trustPem() {
        return trustPem;
    }

    void trustPem(String pem) {
        this.trustPem = pem;
    }

    public long nanoTime() {
        return nanoClock.getAsLong();
    }
}
