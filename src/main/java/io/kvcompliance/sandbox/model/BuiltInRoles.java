package io.kvcompliance.sandbox.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The built-in roles the sandbox knows, with their real GUIDs and (abridged to what matters for
 * Key Vault) permissions. Source: learn.microsoft.com built-in roles, "Security" and "Privileged".
 */
public final class BuiltInRoles {
    public static final String OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    public static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    public static final String KEY_VAULT_READER = "21090545-7ca7-4776-b22c-e363652d74d2";

    private static final List<String> KV_READER_ACTIONS = List.of("Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*",
            "Microsoft.KeyVault/checkNameAvailability/read", "Microsoft.KeyVault/deletedVaults/read",
            "Microsoft.KeyVault/locations/*/read", "Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/operations/read");

    private static final List<RoleDefinitionDef> ROLES = List.of(
            role(OWNER, "Owner", "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
                    List.of("*"), List.of(), List.of(), List.of()),
            role(CONTRIBUTOR, "Contributor", "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.",
                    List.of("*"), List.of("Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
                            "Microsoft.Authorization/elevateAccess/Action"), List.of(), List.of()),
            role(READER, "Reader", "View all resources, but does not allow you to make any changes.",
                    List.of("*/read"), List.of(), List.of(), List.of()),
            role("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator", "Lets you manage user access to Azure resources.",
                    List.of("*/read", "Microsoft.Authorization/*"), List.of(), List.of(), List.of()),
            role("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator", "Perform all data plane operations on a key vault and all objects in it.",
                    List.of("Microsoft.Authorization/*/read", "Microsoft.Resources/subscriptions/resourceGroups/read",
                            "Microsoft.KeyVault/checkNameAvailability/read", "Microsoft.KeyVault/deletedVaults/read",
                            "Microsoft.KeyVault/locations/*/read", "Microsoft.KeyVault/vaults/*/read",
                            "Microsoft.KeyVault/operations/read"), List.of(), List.of("Microsoft.KeyVault/vaults/*"), List.of()),
            role(KEY_VAULT_READER, "Key Vault Reader", "Read metadata of key vaults and its certificates, keys, and secrets.",
                    KV_READER_ACTIONS, List.of(), List.of("Microsoft.KeyVault/vaults/*/read",
                            "Microsoft.KeyVault/vaults/secrets/readMetadata/action"), List.of()),
            role("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User", "Read secret contents.",
                    List.of(), List.of(), List.of("Microsoft.KeyVault/vaults/secrets/getSecret/action",
                            "Microsoft.KeyVault/vaults/secrets/readMetadata/action"), List.of()),
            role("b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer", "Perform any action on the secrets of a key vault.",
                    KV_READER_ACTIONS, List.of(), List.of("Microsoft.KeyVault/vaults/secrets/*"), List.of()),
            role("14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer", "Perform any action on the keys of a key vault.",
                    KV_READER_ACTIONS, List.of(), List.of("Microsoft.KeyVault/vaults/keys/*",
                            "Microsoft.KeyVault/vaults/keyrotationpolicies/*"), List.of()),
            role("12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User", "Perform cryptographic operations using keys.",
                    List.of(), List.of(), List.of("Microsoft.KeyVault/vaults/keys/read",
                            "Microsoft.KeyVault/vaults/keys/update/action", "Microsoft.KeyVault/vaults/keys/backup/action",
                            "Microsoft.KeyVault/vaults/keys/encrypt/action", "Microsoft.KeyVault/vaults/keys/decrypt/action",
                            "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action",
                            "Microsoft.KeyVault/vaults/keys/sign/action", "Microsoft.KeyVault/vaults/keys/verify/action"), List.of()),
            role("a4417e6f-fecd-4de8-b567-7b0420556985", "Key Vault Certificates Officer", "Perform any action on the certificates of a key vault.",
                    KV_READER_ACTIONS, List.of(), List.of("Microsoft.KeyVault/vaults/certificatecas/*",
                            "Microsoft.KeyVault/vaults/certificates/*", "Microsoft.KeyVault/vaults/certificatecontacts/write"), List.of()),
            role("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba", "Key Vault Certificate User", "Read entire certificate contents including secret and key portion.",
                    List.of(), List.of(), List.of("Microsoft.KeyVault/vaults/certificates/read",
                            "Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
                            "Microsoft.KeyVault/vaults/keys/read"), List.of()),
            role("f25e0fa2-a7c8-4377-a976-54943a77a395", "Key Vault Contributor", "Manage key vaults, but does not allow you to assign roles or access data.",
                    List.of("Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.KeyVault/*",
                            "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read",
                            "Microsoft.Support/*"), List.of("Microsoft.KeyVault/locations/deletedVaults/purge/action",
                            "Microsoft.KeyVault/hsmPools/*", "Microsoft.KeyVault/managedHsms/*"), List.of(), List.of()),
            role("8b54135c-b56d-4d72-a534-26097cfdc8d8", "Key Vault Data Access Administrator", "Manage access to Azure Key Vault by adding or removing role assignments.",
                    List.of("Microsoft.Authorization/roleAssignments/delete", "Microsoft.Authorization/roleAssignments/write",
                            "*/read", "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read",
                            "Microsoft.Management/managementGroups/read", "Microsoft.Support/*"), List.of(), List.of(), List.of()),
            role("e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User", "Read metadata of keys and perform wrap/unwrap operations.",
                    List.of("Microsoft.EventGrid/eventSubscriptions/write", "Microsoft.EventGrid/eventSubscriptions/read",
                            "Microsoft.EventGrid/eventSubscriptions/delete"), List.of(), List.of("Microsoft.KeyVault/vaults/keys/read",
                            "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action"), List.of()));

    private static final Map<String, RoleDefinitionDef> BY_ID = ROLES.stream()
            .collect(Collectors.toUnmodifiableMap(RoleDefinitionDef::id, Function.identity()));

    private BuiltInRoles() {
    }

    private static RoleDefinitionDef role(String id, String name, String description, List<String> actions,
                                          List<String> notActions, List<String> dataActions, List<String> notDataActions) {
        return new RoleDefinitionDef(id, name, description, "BuiltInRole", actions, notActions, dataActions,
                notDataActions, List.of("/"));
    }

    public static List<RoleDefinitionDef> all() {
        return ROLES;
    }

    /** A built-in role by GUID or by name (case-insensitive). */
    public static Optional<RoleDefinitionDef> find(String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        RoleDefinitionDef byId = BY_ID.get(idOrName.toLowerCase(Locale.ROOT));
        if (byId != null) {
            return Optional.of(byId);
        }
        return ROLES.stream().filter(r -> r.roleName().equalsIgnoreCase(idOrName)).findFirst();
    }
}
