package io.kvcompliance.pipeline;

import io.kvcompliance.azure.CloudEndpoints;

/**
 * The first URL of every list and call the pipeline makes, each with the RBAC action it needs (the
 * README's prerequisites table lists the same). nextLinks are never built here: they come from Azure.
 */
public final class AzureUrls {
    private static final java.util.regex.Pattern OBJECT_NAME = java.util.regex.Pattern.compile("[0-9a-zA-Z-]{1,127}");
    private final CloudEndpoints cloud;
    private final String arm;
    private final ApiVersions versions;
    private final int vaultPageSize;
    private final int dataPlanePageSize;

    public AzureUrls(CloudEndpoints cloud, ApiVersions versions, int vaultPageSize, int dataPlanePageSize) {
        this.cloud = cloud;
        this.arm = cloud.resourceManagerEndpoint().toString().replaceAll("/+$", "");
        this.versions = versions;
        this.vaultPageSize = vaultPageSize;
        this.dataPlanePageSize = dataPlanePageSize;
    }

    /** Subscriptions the principal holds a role in (no action needed beyond a role assignment). */
    public String subscriptions() {
        return arm + "/subscriptions?api-version=" + versions.subscriptions();
    }

    /** One subscription (any role assignment in it); asked only for included ids the list did not return. */
    public String subscription(String subscriptionId) {
        return arm + "/subscriptions/" + subscriptionId + "?api-version=" + versions.subscriptions();
    }

    /** Microsoft.KeyVault/vaults/read. */
    public String vaults(String subscriptionId) {
        return arm + "/subscriptions/" + subscriptionId + "/providers/Microsoft.KeyVault/vaults?api-version="
                + versions.keyVault() + "&$top=" + vaultPageSize;
    }

    /** Microsoft.KeyVault/vaults/read: the full properties (network rules, access policies). */
    public String vault(String vaultId) {
        return arm + vaultId + "?api-version=" + versions.keyVault();
    }

    /** Microsoft.KeyVault/vaults/keys/read (metadata; ARM never returns key material). */
    public String keys(String vaultId) {
        return arm + vaultId + "/keys?api-version=" + versions.keyVault();
    }

    /** Microsoft.KeyVault/vaults/secrets/read (metadata; ARM never returns values). */
    public String secrets(String vaultId) {
        return arm + vaultId + "/secrets?api-version=" + versions.keyVault();
    }

    /** Microsoft.Authorization/roleAssignments/read; atScope() adds those inherited from above. */
    public String roleAssignments(String vaultId) {
        return arm + vaultId + "/providers/Microsoft.Authorization/roleAssignments?api-version="
                + versions.authorization() + "&$filter=atScope()";
    }

    /** Microsoft.Authorization/roleDefinitions/read: built-in and the subscription's custom roles. */
    public String roleDefinitions(String subscriptionId) {
        return arm + "/subscriptions/" + subscriptionId + "/providers/Microsoft.Authorization/roleDefinitions?api-version="
                + versions.authorization();
    }

    /** Microsoft.Insights/diagnosticSettings/read. */
    public String diagnosticSettings(String vaultId) {
        return arm + vaultId + "/providers/Microsoft.Insights/diagnosticSettings?api-version=" + versions.insights();
    }

    /** Microsoft.KeyVault/deletedVaults/read. */
    public String deletedVaults(String subscriptionId) {
        return arm + "/subscriptions/" + subscriptionId + "/providers/Microsoft.KeyVault/deletedVaults?api-version="
                + versions.keyVault();
    }

    /** Microsoft.KeyVault/managedHSMs/read. */
    public String managedHsms(String subscriptionId) {
        return arm + "/subscriptions/" + subscriptionId + "/providers/Microsoft.KeyVault/managedHSMs?api-version="
                + versions.keyVault();
    }

    /** Data plane: Microsoft.KeyVault/vaults/certificates/read, or access policy certificates "list". */
    public String certificates(String vaultUri) {
        return vaultUri.replaceAll("/+$", "") + "/certificates?api-version=" + versions.dataPlane()
                + "&maxresults=" + dataPlanePageSize;
    }

    /** Data plane: certificates/read or policy "get"; the public certificate only, never the private key. */
    public String certificate(com.fasterxml.jackson.databind.JsonNode listItem, Scope vault) {
        // the URL is built from the vault being read, never taken from the item: an odd id cannot send
        // this vault's token to another vault or path
        java.net.URI id = java.net.URI.create(listItem.path("id").asText());
        String[] path = id.getPath().split("/");
        String name = path.length > 0 ? path[path.length - 1] : "";
        boolean sameVault = cloud.vaultName(id).map(vault.vaultName()::equalsIgnoreCase).orElse(false);
        if (!sameVault || path.length != 3 || !path[1].equals("certificates") || !OBJECT_NAME.matcher(name).matches()) {
            throw new io.kvcompliance.azure.EgressDeniedException("Refused certificate id '" + id.getScheme() + "://"
                    + id.getRawAuthority() + id.getRawPath() + "': it is not a certificate of vault " + vault.vaultName());
        }
        return vault.vaultUri().replaceAll("/+$", "") + "/certificates/" + name + "?api-version=" + versions.dataPlane();
    }

    public ApiVersions versions() {
        return versions;
    }
}
