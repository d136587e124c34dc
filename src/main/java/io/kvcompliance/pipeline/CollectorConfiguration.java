package io.kvcompliance.pipeline;

import io.kvcompliance.auth.AccessTokens;
import io.kvcompliance.auth.ClientCredentialsTokens;
import io.kvcompliance.auth.ServicePrincipalCredential;
import io.kvcompliance.auth.DelegatedClient;
import io.kvcompliance.auth.DelegatedTokens;
import io.kvcompliance.azure.ClientPacer;
import io.kvcompliance.azure.CloudEndpoints;
import io.kvcompliance.azure.EgressGuard;
import io.kvcompliance.azure.RetryPolicy;
import io.kvcompliance.azure.RetrySettings;
import java.time.Duration;
import java.util.function.Function;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Binds the beans the routes call, from config/application.properties (and the environment):
 * cloud endpoints, the token step, the retry policy, the guarded HTTP client, the mappers and the
 * sinks. Every missing or contradictory key fails here, before any route starts.
 */
public final class CollectorConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Function<String, String> property = key -> context.getPropertiesComponent().resolveProperty(key).orElse(null);
        Registry registry = context.getRegistry();
        CloudEndpoints cloud = CloudEndpoints.fromProperties(property);
        int connectTimeout = intProperty(property, "kv.http.connect-timeout-ms");
        int responseTimeout = intProperty(property, "kv.http.response-timeout-ms");
        EgressGuard guard = new EgressGuard(cloud);
        registry.bind("cloud", cloud);
        registry.bind("egressGuard", guard);
        registry.bind("egressHttpClientConfigurer", AzureHttp.guarded(guard));
        registry.bind("azureConnections", AzureHttp.connections(cloud, connectTimeout, responseTimeout,
                intProperty(property, "kv.http.max-connections")));
        AccessTokens tokens = tokens(property, cloud, Duration.ofMillis(responseTimeout), registry);
        registry.bind("accessTokens", tokens);
        RetryPolicy retry = new RetryPolicy(RetrySettings.fromProperties(property));
        registry.bind("retryPolicy", retry);
        registry.bind("azureCalls", new AzureCalls(cloud, tokens, retry, ClientPacer.fromProperties(property)));
        ApiVersions versions = ApiVersions.fromProperties(property);
        registry.bind("azureUrls", new AzureUrls(cloud, versions,
                intProperty(property, "kv.arm.vault-page-size"), intProperty(property, "kv.vault.page-size")));
        registry.bind("listPaging", new ListPaging(cloud));
        registry.bind("scopes", new Scopes(cloud, property.apply("kv.sync.subscriptions.include"),
                property.apply("kv.sync.subscriptions.exclude")));
        registry.bind("vaultPool", context.getExecutorServiceManager().newFixedThreadPool(this, "kv-vaults",
                intProperty(property, "kv.sync.vault-concurrency")));
        registry.bind("subscriptionPool", context.getExecutorServiceManager().newFixedThreadPool(this,
                "kv-subscriptions", intProperty(property, "kv.sync.subscription-concurrency")));
        PipelineBeans.bind(registry, property, versions);
        Deliveries.bind(context, property);
        SyncControl control = new SyncControl(context, registry.lookupByNameAndType("syncRuns", SyncRuns.class),
                intProperty(property, "kv.sync.progress-interval-seconds"));
        registry.bind("syncControl", control);
        context.addService(control, true, false);
        // before Camel stops its routes (and waits for the running sync), tell that sync to wind down
        context.addLifecycleStrategy(new org.apache.camel.support.LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext stopping) {
                control.interruptRunning();
                stopping.getRegistry().lookupByNameAndType("deliveries", Deliveries.class).stopRetrying();
            }
        });
        RunMode.bind(context, property, control);
    }

    private static AccessTokens tokens(Function<String, String> property, CloudEndpoints cloud, Duration timeout,
                                       Registry registry) {
        String mode = property.apply("kv.auth.mode");
        if (mode != null && mode.equalsIgnoreCase("delegated")) {
            // the connect command signs in through the same client the sync reads its tokens from
            DelegatedClient client = DelegatedClient.fromProperties(property, cloud, timeout);
            registry.bind("delegatedClient", client);
            return new DelegatedTokens(client);
        }
        if (mode != null && !mode.equalsIgnoreCase("service-principal")) {
            throw new IllegalArgumentException("kv.auth.mode '" + mode + "' is not known: use delegated (a user signed"
                    + " in with connect) or service-principal (client credentials)");
        }
        return new ClientCredentialsTokens(cloud, property.apply("kv.auth.tenant-id"), property.apply("kv.auth.client-id"),
                ServicePrincipalCredential.fromProperties(property), timeout);
    }

    /** A key that must have a value; {@code what} says what to give, e.g. "the spool directory, e.g. data/spool". */
    static String requiredProperty(Function<String, String> property, String key, String what) {
        String value = property.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is not set: give " + what);
        }
        return value.trim();
    }

    static boolean boolProperty(Function<String, String> property, String key) {
        String value = property.apply(key);
        if (value == null || !(value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false"))) {
            throw new IllegalArgumentException(key + " is '" + value + "': use true or false");
        }
        return Boolean.parseBoolean(value.trim());
    }

    static int intProperty(Function<String, String> property, String key) {
        String value = property.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is not set: give it a value in config/application.properties");
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a positive whole number, not '" + value + "'");
        }
    }
}
