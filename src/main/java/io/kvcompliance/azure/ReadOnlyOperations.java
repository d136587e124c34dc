package io.kvcompliance.azure;

import io.kvcompliance.azure.RetryPolicy.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The allowlist behind {@link EgressGuard}: every GET the collector makes, matched case-insensitively. */
final class ReadOnlyOperations {
    private static final String SUB = "/subscriptions/{subscriptionId}";
    private static final String RG = SUB + "/resourceGroups/{resourceGroupName}";
    private static final String KV = "/providers/Microsoft.KeyVault";
    private static final String VAULT = RG + KV + "/vaults/{vaultName}";
    private static final String AUTHZ = "{scope}/providers/Microsoft.Authorization";

    // Key Vault object names: ^[0-9a-zA-Z-]{1,127}$; versions are 32 hex digits (azure-api-facts §2.4, §3.2)
    private static final String OBJECT_NAME = "[0-9a-zA-Z-]{1,127}";
    private static final String KV_RESOURCE = "/subscriptions/[^/]+/resourceGroups/[^/]+"
            + "/providers/Microsoft\\.KeyVault/(?:vaults|managedHSMs)/[^/]+";
    // role scopes the collector reads: root, management group, subscription, group, vault/HSM, vault object
    private static final String SCOPE = "(?:/providers/Microsoft\\.Management/managementGroups/[^/]+"
            + "|/subscriptions/[^/]+(?:/resourceGroups/[^/]+(?:/providers/Microsoft\\.KeyVault/(?:vaults|managedHSMs)"
            + "/[^/]+(?:/(?:keys|secrets)/[^/]+)?)?)?)?";
    // "issuers" and "contacts" under /certificates are vault settings, not certificates
    private static final Map<String, String> PLACEHOLDERS = Map.of("scope", SCOPE, "resourceId", KV_RESOURCE,
            "certificateName", "(?!(?:issuers|contacts)(?:/|$))" + OBJECT_NAME,
            "keyName", OBJECT_NAME, "secretName", OBJECT_NAME, "version", "[0-9a-fA-F]{32}");

    private record Entry(ReadOnlyOperation operation, Pattern pattern) {
    }

    private static final List<Entry> RESOURCE_MANAGER = entries(Api.RESOURCE_MANAGER,
            "subscriptions.list", "/subscriptions", "Microsoft.Resources/subscriptions/read",
            "subscriptions.get", SUB, "Microsoft.Resources/subscriptions/read",
            "vaults.listBySubscription", SUB + KV + "/vaults", "Microsoft.KeyVault/vaults/read",
            "vaults.listByResourceGroup", RG + KV + "/vaults", "Microsoft.KeyVault/vaults/read",
            "vaults.get", VAULT, "Microsoft.KeyVault/vaults/read",
            // ARM keys/secrets are metadata only: the spec says the service never returns a secret value
            "keys.list", VAULT + "/keys", "Microsoft.KeyVault/vaults/keys/read",
            "keys.get", VAULT + "/keys/{keyName}", "Microsoft.KeyVault/vaults/keys/read",
            "secrets.list", VAULT + "/secrets", "Microsoft.KeyVault/vaults/secrets/read",
            "secrets.get", VAULT + "/secrets/{secretName}", "Microsoft.KeyVault/vaults/secrets/read",
            "deletedVaults.list", SUB + KV + "/deletedVaults", "Microsoft.KeyVault/deletedVaults/read",
            "deletedVaults.get", SUB + KV + "/locations/{location}/deletedVaults/{vaultName}",
            "Microsoft.KeyVault/deletedVaults/read",
            "managedHsms.listBySubscription", SUB + KV + "/managedHSMs", "Microsoft.KeyVault/managedHSMs/read",
            "managedHsms.listByResourceGroup", RG + KV + "/managedHSMs", "Microsoft.KeyVault/managedHSMs/read",
            "managedHsms.get", RG + KV + "/managedHSMs/{name}", "Microsoft.KeyVault/managedHSMs/read",
            "roleAssignments.listForScope", AUTHZ + "/roleAssignments", "Microsoft.Authorization/roleAssignments/read",
            "roleDefinitions.list", AUTHZ + "/roleDefinitions", "Microsoft.Authorization/roleDefinitions/read",
            "roleDefinitions.get", AUTHZ + "/roleDefinitions/{roleDefinitionId}",
            "Microsoft.Authorization/roleDefinitions/read",
            "diagnosticSettings.list", "{resourceId}/providers/Microsoft.Insights/diagnosticSettings",
            "Microsoft.Insights/diagnosticSettings/read");

    private static final List<Entry> KEY_VAULT = entries(Api.KEY_VAULT,
            "certificates.list", "/certificates", "Microsoft.KeyVault/vaults/certificates/read",
            // a certificate bundle carries the public certificate (cer) only; the private key is in the secret
            "certificates.get", "/certificates/{certificateName}", "Microsoft.KeyVault/vaults/certificates/read",
            "certificates.getVersion", "/certificates/{certificateName}/{version}",
            "Microsoft.KeyVault/vaults/certificates/read",
            "certificates.getPolicy", "/certificates/{certificateName}/policy",
            "Microsoft.KeyVault/vaults/certificates/read",
            "certificates.listVersions", "/certificates/{certificateName}/versions",
            "Microsoft.KeyVault/vaults/certificates/read",
            "keys.list", "/keys", "Microsoft.KeyVault/vaults/keys/read",
            "keys.listVersions", "/keys/{keyName}/versions", "Microsoft.KeyVault/vaults/keys/read",
            // secret lists never carry values (SPECS secrets.json: "only the base secret identifier and its
            // attributes")
            "secrets.list", "/secrets", "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
            "secrets.listVersions", "/secrets/{secretName}/versions",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action");

    static final String NOT_LISTED = "it is not one of the listed operations";
    private static final Pattern SECRET_VALUE = Pattern.compile("/secrets/[^/]+(?:/[^/]+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_MATERIAL = Pattern.compile("/keys/[^/]+(?:/(?!rotationpolicy$)[^/]+)?",
            Pattern.CASE_INSENSITIVE);

    private ReadOnlyOperations() {
    }

    static Optional<ReadOnlyOperation> resourceManager(String path) {
        return match(RESOURCE_MANAGER, path);
    }

    static Optional<ReadOnlyOperation> keyVault(String path) {
        return match(KEY_VAULT, path);
    }

    private static Optional<ReadOnlyOperation> match(List<Entry> entries, String path) {
        return entries.stream().filter(e -> e.pattern().matcher(path).matches()).map(Entry::operation).findFirst();
    }

    /** Why a data-plane GET outside the allowlist is refused, as specifically as the path allows. */
    static String dataPlaneRefusal(String path) {
        if (SECRET_VALUE.matcher(path).matches()) {
            return "it would read a secret value";
        }
        return KEY_MATERIAL.matcher(path).matches() ? "it would read key material" : NOT_LISTED;
    }

    static List<ReadOnlyOperation> all() {
        List<ReadOnlyOperation> out = new ArrayList<>();
        RESOURCE_MANAGER.forEach(e -> out.add(e.operation()));
        KEY_VAULT.forEach(e -> out.add(e.operation()));
        return List.copyOf(out);
    }

    private static List<Entry> entries(Api api, String... triples) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < triples.length; i += 3) {
            out.add(new Entry(new ReadOnlyOperation(api, triples[i], triples[i + 1], triples[i + 2]),
                    compile(triples[i + 1])));
        }
        return List.copyOf(out);
    }

    /** Literal text stays literal; {name} becomes its placeholder pattern, or one path segment. */
    private static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{([A-Za-z]+)}").matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(PLACEHOLDERS.getOrDefault(m.group(1), "[^/]+"));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
