package io.kvcompliance.records;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scope parts of a Resource Manager id: subscription, resource group and, for ids at or below a
 * vault, the vault's name and id. ARM ids are case-insensitive, so matching ignores case while the
 * parts keep the id's own casing.
 */
public record ArmId(String subscriptionId, String resourceGroup, String vaultName, String vaultId) {
    private static final Pattern SUBSCRIPTION = Pattern.compile("^/subscriptions/([^/]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern GROUP = Pattern.compile("^/subscriptions/[^/]+/resourceGroups/([^/]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VAULT = Pattern.compile(
            "^(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.KeyVault/vaults/([^/]+))",
            Pattern.CASE_INSENSITIVE);

    /** Parses any id; parts the id does not carry are null (a null or blank id gives all nulls). */
    public static ArmId parse(String id) {
        if (id == null || id.isBlank()) {
            return new ArmId(null, null, null, null);
        }
        Matcher vault = VAULT.matcher(id);
        boolean inVault = vault.find();
        return new ArmId(group(SUBSCRIPTION, id), group(GROUP, id), inVault ? vault.group(2) : null,
                inVault ? vault.group(1) : null);
    }

    /** Lower-cased form used to compare and to derive record ids (ARM ids are case-insensitive). */
    public static String key(String id) {
        return id == null ? null : id.toLowerCase(Locale.ROOT);
    }

    private static String group(Pattern p, String id) {
        Matcher m = p.matcher(id);
        return m.find() ? m.group(1) : null;
    }
}
