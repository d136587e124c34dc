package io.kvcompliance.sandbox;

import io.kvcompliance.azure.HostOverrides;
import io.kvcompliance.sandbox.entra.EntraIdHandler;
import io.kvcompliance.sandbox.fixture.FixtureLoader;
import io.kvcompliance.sandbox.http.SandboxMetrics;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.inventory.ExpectedInventory;
import io.kvcompliance.sandbox.inventory.InventoryCalculator;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.model.TenantFixture;
import io.kvcompliance.sandbox.model.TenantStore;
import io.kvcompliance.sandbox.tls.SandboxTls;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The simulated Azure tenant: Entra ID, Resource Manager and the Key Vault data plane on one HTTPS
 * listener on loopback. Started by the {@code sandbox} command or in-process by tests; hosts are
 * Azure-shaped ({@code login.<suffix>}, {@code management.<suffix>}, {@code <vault>.vault.<suffix>})
 * and reach the listener through {@link #hostOverrides()}.
 */
public final class Sandbox implements AutoCloseable {
    private final SandboxContext ctx;
    private final SandboxServer server;
    private final EntraIdHandler entra;
    private final SandboxTls tls;
    private final int port;

    private Sandbox(SandboxContext ctx, SandboxServer server, EntraIdHandler entra, SandboxTls tls, int port) {
        this.ctx = ctx;
        this.server = server;
        this.entra = entra;
        this.tls = tls;
        this.port = port;
    }

    /** Starts the default tenant with default settings on a free port. */
    public static Sandbox start() throws Exception {
        return start(FixtureLoader.defaultTenant(), SandboxSettings.defaults());
    }

    public static Sandbox start(TenantFixture fixture, SandboxSettings settings) throws Exception {
        return start(fixture, settings, null);
    }

    /** Starts a fixture; the fixture's page caps apply unless the settings already lowered them. */
    public static Sandbox start(TenantFixture fixture, SandboxSettings settings, SandboxTls givenTls) throws Exception {
        SandboxSettings effective = settings.withPageCaps(fixture.pageCaps());
        SandboxTls tls = givenTls != null ? givenTls : SandboxTls.generate(List.of("localhost",
                "*." + effective.dnsSuffix(), "*.vault." + effective.dnsSuffix()));
        SandboxContext ctx = new SandboxContext(new TenantStore(fixture), effective, System::nanoTime);
        ctx.trustPem(tls.certificatePem());
        EntraIdHandler entra = new EntraIdHandler(ctx);
        SandboxRouter router = new SandboxRouter(ctx, entra, new AdminHandler(ctx, entra));
        SandboxServer server = new SandboxServer(ctx, router);
        try {
            int port = server.start(tls, effective.bindAddress(), effective.port());
            return new Sandbox(ctx, server, entra, tls, port);
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The listener itself, for a browser or curl without host overrides: {@code https://localhost:<port>}. */
    public String localUrl() {
        return "https://localhost:" + port;
    }

    /** Authority host for msal4j: port-less on purpose (msal4j's cache breaks with a port, issue #529). */
    public String authorityHost() {
        return "https://" + ctx.settings().loginHost();
    }

    public String authority(String tenantId) {
        return authorityHost() + "/" + tenantId + "/";
    }

    public String armEndpoint() {
        return "https://" + ctx.settings().managementHost();
    }

    public String vaultDnsSuffix() {
        return ctx.settings().vaultDnsSuffix();
    }

    public String vaultUri(String vaultName) {
        return "https://" + vaultName + vaultDnsSuffix() + "/";
    }

    /** Maps every sandbox host name onto the listener; give it to HTTP clients as their DNS resolver. */
    public HostOverrides hostOverrides() {
        return HostOverrides.of(Map.of("*." + ctx.settings().dnsSuffix(), new InetSocketAddress("127.0.0.1", port)));
    }

    /** The same overrides in kv.cloud.connect-to syntax. */
    public String connectToSpec() {
        return "*." + ctx.settings().dnsSuffix() + "=127.0.0.1:" + port;
    }

    public SandboxTls tls() {
        return tls;
    }

    public SandboxSettings settings() {
        return ctx.settings();
    }

    /** Changes settings of the running sandbox (faults, latency, limits, lifetimes). */
    public void updateSettings(UnaryOperator<SandboxSettings> change) {
        ctx.updateSettings(change);
    }

    public SandboxMetrics metrics() {
        return ctx.metrics();
    }

    /** Forgets counters, throttling state and fault attempt counts, for a fresh measurement. */
    public void resetCounters() {
        ctx.metrics().reset();
        ctx.armLimiter().reset();
        ctx.vaultLimiter().reset();
        ctx.faults().reset();
    }

    public EntraIdHandler entra() {
        return entra;
    }

    public TenantStore store() {
        return ctx.store();
    }

    /** The first tenant of the fixture (the one the quick start signs in to). */
    public TenantDef defaultTenant() {
        return ctx.store().tenants().get(0);
    }

    /** What a perfect collector signed in as this principal (UPN, object id or app id) would report. */
    public ExpectedInventory expectedInventory(String principal) {
        return new InventoryCalculator(ctx).forPrincipal(principal);
    }

    /**
     * An access token for a principal (UPN, object id or app id) and resource, exactly as Entra ID would
     * issue it after sign-in; for tools and tests that exercise Resource Manager or the data plane
     * without a sign-in flow. {@code lifetimeSeconds} may be negative to get an expired token.
     */
    public String issueAccessToken(String principal, String resource, long lifetimeSeconds) {
        return new DirectTokens(ctx).issue(principal, resource, lifetimeSeconds);
    }

    SandboxContext context() {
        return ctx;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
