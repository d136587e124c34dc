package io.kvcompliance.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.azure.CloudEndpoints;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the scope of a subscription or vault from what Azure listed, and applies the optional
 * subscription include/exclude lists (kv.sync.subscriptions.include / .exclude: ids or display names).
 */
public final class Scopes {
    private final CloudEndpoints cloud;
    private final Set<String> include;
    private final Set<String> exclude;

    public Scopes(CloudEndpoints cloud, String include, String exclude) {
        this.cloud = cloud;
        this.include = set(include);
        this.exclude = set(exclude);
    }

    private static Set<String> set(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the subscription is in scope of this sync; remembers it was listed. */
    public boolean accepts(SyncRun sync, JsonNode subscription) {
        String id = subscription.path("subscriptionId").asText("").toLowerCase(Locale.ROOT);
        sync.listedSubscription(id);
        String name = subscription.path("displayName").asText("").toLowerCase(Locale.ROOT);
        if (exclude.contains(id) || exclude.contains(name)) {
            return false;
        }
        return include.isEmpty() || include.contains(id) || include.contains(name);
    }

    /**
     * Subscription ids the include list names but the subscription list did not return: the principal
     * cannot see them, or they belong to another tenant. Each is asked for directly so that Azure's own
     * answer (SubscriptionNotFound, InvalidAuthenticationTokenTenant naming the tenant to use) is reported.
     */
    public java.util.List<Scope> unlistedIncludes(SyncRun sync) {
        return include.stream().filter(i -> i.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .filter(i -> !sync.wasListed(i)).sorted()
                .map(i -> new Scope(sync, sync.tenantId() == null ? "unknown" : sync.tenantId(), i, null, null, null, null, null))
                .toList();
    }

    public Scope subscription(SyncRun sync, JsonNode subscription) {
        return new Scope(sync, subscription.path("tenantId").asText(null), subscription.path("subscriptionId").asText(),
                subscription.path("displayName").asText(null), null, null, null, null);
    }

    /** A vault's scope from its list item; the vault URI comes from the cloud, not from the item. */
    public Scope vault(Scope subscription, JsonNode vault) {
        String id = vault.path("id").asText();
        String name = vault.path("name").asText();
        String[] parts = id.split("/");
        String group = null;
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("resourceGroups")) {
                group = parts[i + 1];
            }
        }
        String tenant = vault.path("properties").path("tenantId").asText(subscription.tenantId());
        return new Scope(subscription.sync(), tenant, subscription.subscriptionId(), subscription.subscriptionName(),
                group, name, id, cloud.vaultUri(name).toString());
    }
}
