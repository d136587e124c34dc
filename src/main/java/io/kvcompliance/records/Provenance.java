package io.kvcompliance.records;

/**
 * Which Azure call a record came from: the API ({@code resource-manager} or {@code key-vault}), the
 * operationId of the specs ({@code Vaults_Get}, {@code Keys_List}, {@code GetCertificate}) and the
 * api-version the route used.
 */
public record Provenance(String api, String operation, String apiVersion) {
    public static final String RESOURCE_MANAGER = "resource-manager";
    public static final String KEY_VAULT = "key-vault";
    /** Records the collector states about its own run (the sync summary), not read from Azure. */
    public static final String COLLECTOR = "keyvault-compliance";

    public Provenance {
        if (!RESOURCE_MANAGER.equals(api) && !KEY_VAULT.equals(api) && !COLLECTOR.equals(api)) {
            throw new IllegalArgumentException("api must be " + RESOURCE_MANAGER + ", " + KEY_VAULT + " or " + COLLECTOR
                    + ": " + api);
        }
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("operation is required");
        }
    }

    public static Provenance resourceManager(String operation, String apiVersion) {
        return new Provenance(RESOURCE_MANAGER, operation, apiVersion);
    }

    public static Provenance keyVault(String operation, String apiVersion) {
        return new Provenance(KEY_VAULT, operation, apiVersion);
    }
}
