package io.kvcompliance.pipeline;

import java.util.function.Function;

/**
 * The api-versions the collector asks for, one per API (keys kv.api-version.*). Defaults are stable
 * versions deployed everywhere (azure-api-facts §0); newer ones may be set once a tenant's regions serve them.
 */
public record ApiVersions(String subscriptions, String keyVault, String authorization, String insights, String dataPlane) {

    public static ApiVersions fromProperties(Function<String, String> property) {
        return new ApiVersions(
                value(property, "kv.api-version.subscriptions", "2022-12-01"),
                value(property, "kv.api-version.key-vault", "2024-11-01"),
                value(property, "kv.api-version.authorization", "2022-04-01"),
                value(property, "kv.api-version.insights", "2021-05-01-preview"),
                value(property, "kv.api-version.data-plane", "7.5"));
    }

    private static String value(Function<String, String> property, String key, String fallback) {
        String v = property.apply(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
