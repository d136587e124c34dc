package io.kvcompliance.sandbox;

import io.kvcompliance.sandbox.fixture.FixtureLoader;
import io.kvcompliance.sandbox.fixture.FixtureWriter;
import io.kvcompliance.sandbox.fixture.GeneratorSizes;
import io.kvcompliance.sandbox.fixture.TenantGenerator;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.http.SandboxSettingsBuilder;
import io.kvcompliance.sandbox.model.TenantFixture;
import io.kvcompliance.sandbox.tls.SandboxTls;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sandbox}: starts the simulated Azure tenant on loopback until Ctrl-C. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts the sandbox: a simulated Azure tenant (Entra ID, Resource Manager, Key Vault data plane)",
                "over HTTPS on loopback. Without --tenant or generator sizes it serves the default tenant."})
public final class SandboxCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Listener port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port = 8443;
    @Option(names = "--bind", description = "Listener address. Default: ${DEFAULT-VALUE}.")
    String bind = "127.0.0.1";
    @Option(names = "--tenant", paramLabel = "FILE", description = "Tenant fixture JSON (format: README, Sandbox fixtures).")
    Path tenant;
    @Option(names = "--seed", description = "Seed for generated tenants, certificates, faults and page variants. Default: ${DEFAULT-VALUE}.")
    long seed = 1;
    @Option(names = "--now", paramLabel = "INSTANT", description = "Anchor for fixture times like now+P30D (ISO-8601). Default: the start time.")
    Instant anchor;
    @Option(names = "--subscriptions", description = "Generate a tenant with this many subscriptions.")
    Integer subscriptions;
    @Option(names = "--vaults-per-subscription") Integer vaults;
    @Option(names = "--keys-per-vault") Integer keys;
    @Option(names = "--secrets-per-vault") Integer secrets;
    @Option(names = "--certificates-per-vault") Integer certificates;
    @Option(names = "--role-assignments-per-vault") Integer roleAssignments;
    @Option(names = "--access-policies-per-vault") Integer accessPolicies;
    @Option(names = "--write-fixture", paramLabel = "FILE", description = "Write the tenant as fixture JSON (streamed) and exit.")
    Path writeFixture;
    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve this certificate instead of a fresh self-signed one.")
    Path tlsCert;
    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key of --tls-cert (never committed, never written by the sandbox).")
    Path tlsKey;
    @Option(names = "--trust-dir", description = "Where to write sandbox-ca.pem and sandbox-truststore.p12. Default: ${DEFAULT-VALUE}.")
    Path trustDir = Path.of("data", "sandbox");
    @Option(names = "--token-lifetime", paramLabel = "SECONDS", description = "Access token lifetime. Default: ${DEFAULT-VALUE}.")
    int tokenLifetime = 3600;
    @Option(names = "--page-cap", paramLabel = "LIST=N", description = "Server page cap of a list (vaults, arm-keys, dp-certificates...).")
    Map<String, Integer> pageCaps = Map.of();
    @Option(names = "--empty-page-every", paramLabel = "N", description = "Serve an empty page with a nextLink before every Nth page (0 = never).")
    int emptyPageEvery;
    @Option(names = "--latency-ms") int latencyMillis;
    @Option(names = "--jitter-ms") int jitterMillis;
    @Option(names = "--error-rate", description = "Share of ARM/data-plane calls answered 500/503.") double errorRate;
    @Option(names = "--reset-rate", description = "Share of calls whose connection is dropped.") double resetRate;
    @Option(names = "--slow-rate", description = "Share of calls answered --slow-ms late.") double slowRate;
    @Option(names = "--slow-ms") int slowMillis = 5000;
    @Option(names = "--arm-burst", description = "ARM read bucket size. Default: ${DEFAULT-VALUE}.") int armBurst = 250;
    @Option(names = "--arm-refill", description = "ARM read bucket refill per second. Default: ${DEFAULT-VALUE}.") double armRefill = 25;
    @Option(names = "--kv-window-limit", description = "Key Vault transactions per vault per 10 s. Default: ${DEFAULT-VALUE}.") int kvLimit = 4000;

    @Override
    public Integer call() throws Exception {
        TenantFixture fixture = fixture();
        if (writeFixture != null) {
            FixtureWriter.write(fixture, writeFixture);
            System.out.println("wrote " + writeFixture.toAbsolutePath());
            return 0;
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both, or neither for a fresh"
                    + " self-signed certificate");
        }
        SandboxTls tls = tlsCert != null ? SandboxTls.load(tlsCert, tlsKey) : null;
        try (Sandbox sandbox = Sandbox.start(fixture, settings(), tls)) {
            sandbox.tls().writeTrustMaterial(trustDir);
            System.out.println(new SandboxBanner(sandbox, trustDir).render());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }

    private TenantFixture fixture() {
        boolean generated = subscriptions != null || vaults != null || keys != null || secrets != null
                || certificates != null || roleAssignments != null || accessPolicies != null;
        if (generated && tenant != null) {
            throw new IllegalArgumentException("--tenant and generator sizes exclude each other: a fixture file or a"
                    + " generated tenant");
        }
        if (!generated) {
            return tenant != null ? FixtureLoader.load(tenant) : FixtureLoader.defaultTenant();
        }
        GeneratorSizes d = GeneratorSizes.defaults();
        return TenantGenerator.generate(new GeneratorSizes(or(subscriptions, d.subscriptions()),
                or(vaults, d.vaultsPerSubscription()), or(keys, d.keysPerVault()), or(secrets, d.secretsPerVault()),
                or(certificates, d.certificatesPerVault()), or(roleAssignments, d.roleAssignmentsPerVault()),
                or(accessPolicies, d.accessPoliciesPerVault())), seed);
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    SandboxSettings settings() {
        SandboxSettingsBuilder b = SandboxSettings.defaults().toBuilder().bindAddress(bind).port(port).seed(seed)
                .accessTokenLifetimeSeconds(tokenLifetime).emptyPageEvery(emptyPageEvery).latencyMillis(latencyMillis)
                .jitterMillis(jitterMillis).error5xxRate(errorRate).resetRate(resetRate).slowRate(slowRate)
                .slowMillis(slowMillis).armBurst(armBurst).armRefillPerSecond(armRefill).kvWindowLimit(kvLimit);
        if (anchor != null) {
            b.anchor(anchor);
        }
        return b.build().withPageCaps(pageCaps);
    }
}
