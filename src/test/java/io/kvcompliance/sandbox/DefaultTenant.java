package io.kvcompliance.sandbox;

/** Names and ids of the shipped default tenant (src/main/resources/sandbox/tenants/default.json). */
final class DefaultTenant {
    static final String TENANT = "f8680c96-e257-4c51-ba15-649a0f42ea5d";
    static final String FABRIKAM_TENANT = "ac55973e-a0bc-4b63-b353-05603dac385c";
    static final String PROD = "bf6c8352-3afe-406a-8289-e9096c88bfe6";
    static final String DEV = "a9d83f84-c071-4d45-ac95-f3a39c25b647";
    static final String LEGACY = "c42d10a5-81af-42a1-9e13-d32a158cf7d2";
    static final String FABRIKAM_SUB = "773d129e-b1c2-428d-8035-eddd0aa4b524";
    static final String ALICE = "alice@contoso.sandbox.test";
    static final String BOB = "bob@contoso.sandbox.test";
    static final String DANA = "dana@contoso.sandbox.test";
    static final String FIONA = "fiona@fabrikam.sandbox.test";
    static final String COLLECTOR_APP = "780cc7bb-390d-49d9-b8fc-6a4a69555516";
    static final String COLLECTOR_SECRET = "sandbox-only-secret-kv-collector";
    static final String ARM = "https://management.azure.com/";
    static final String VAULT = "https://vault.azure.net";
    static final String KV_API = "api-version=2024-11-01";
    static final String DP_API = "api-version=7.5";

    private DefaultTenant() {
    }

    static String vaultPath(String sub, String group, String vault) {
        return "https://management.sandbox.test/subscriptions/" + sub + "/resourceGroups/" + group
                + "/providers/Microsoft.KeyVault/vaults/" + vault;
    }
}
