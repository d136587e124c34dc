package io.kvcompliance.auth;

/** The two resources the collector holds tokens for. */
public enum Audience {
    /** Azure Resource Manager: subscriptions, vaults, keys, secrets, role assignments, diagnostic settings. */
    RESOURCE_MANAGER,
    /** The Key Vault data plane: certificates. */
    KEY_VAULT
}
