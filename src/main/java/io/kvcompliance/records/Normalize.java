package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every normalisation rule, once: Azure's defaults for absent flags, its casing and URI variants, and
 * its time formats, turned into one form so the same configuration always yields the same record.
 * Sources: the Microsoft.KeyVault ARM specs (VaultProperties, ManagedHsmProperties) and the Key Vault
 * data-plane specs in Azure/azure-rest-api-specs.
 */
public final class Normalize {
    public static final String ENABLED = "Enabled";
    public static final String DISABLED = "Disabled";
    private static final Pattern DEFAULT_HTTPS_PORT = Pattern.compile("^(https://[^/:?#]+):443(?=[/?#]|$)",
            Pattern.CASE_INSENSITIVE);

    /** networkAcls reduced to what a compliance check reads; absent ACLs mean "Allow", "AzureServices". */
    public record NetworkRules(String defaultAction, String bypass, int ipRuleCount, int virtualNetworkRuleCount) {
    }

    private Normalize() {
    }

    /** Key Vault times are integer Unix seconds; records carry ISO-8601 UTC. Absent gives null. */
    public static String isoFromEpochSeconds(JsonNode seconds) {
        return seconds == null || !seconds.canConvertToLong() ? null
                : Instant.ofEpochSecond(seconds.longValue()).toString();
    }

    /** ARM times (systemData, role assignments, deleted vaults) are ISO-8601 with any offset and precision. */
    public static String isoFromText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text).toString();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant().toString();
        }
    }

    /** Sync times to the millisecond: finer precision only makes equal syncs look different. */
    public static String isoInstant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * Absent enableSoftDelete is true: the spec's default, and soft delete can no longer be turned off
     * (Microsoft made it the default in 2020). Caveat: the default belongs to the api-version; a vault
     * created before then and read with an old api-version may omit the flag while it is off, which
     * is why the collector pins a recent api-version (2023-07-01 or later).
     */
    public static boolean softDeleteEnabled(JsonNode properties) {
        return !Boolean.FALSE.equals(JsonFields.bool(properties, "/enableSoftDelete"));
    }

    /** Absent retention is the service default of 90 days when soft delete is on; null when it is off. */
    public static Integer softDeleteRetentionDays(JsonNode properties) {
        if (!softDeleteEnabled(properties)) {
            return null;
        }
        Integer days = JsonFields.integer(properties, "/softDeleteRetentionInDays");
        return days != null ? days : 90;
    }

    /** Vaults: absent enablePurgeProtection means not enabled (spec: no default, null is off). */
    public static boolean purgeProtectionEnabled(JsonNode properties) {
        return Boolean.TRUE.equals(JsonFields.bool(properties, "/enablePurgeProtection"));
    }

    /** Managed HSMs differ from vaults: the ManagedHsmProperties spec defaults enablePurgeProtection to true. */
    public static boolean managedHsmPurgeProtectionEnabled(JsonNode properties) {
        return !Boolean.FALSE.equals(JsonFields.bool(properties, "/enablePurgeProtection"));
    }

    /**
     * Absent enableRbacAuthorization is the access-policy model (default false up to 2025-05-01). The
     * 2026-02-01 schema states default true while its text says false; vaults report the flag either
     * way, so an absent one is an old vault on access policies.
     */
    public static boolean rbacAuthorization(JsonNode properties) {
        return Boolean.TRUE.equals(JsonFields.bool(properties, "/enableRbacAuthorization"));
    }

    /** enabledForDeployment and friends: absent is Azure's default, false. */
    public static boolean flag(JsonNode properties, String field) {
        return Boolean.TRUE.equals(JsonFields.bool(properties, "/" + field));
    }

    /**
     * "Enabled" or "Disabled" whatever the casing (spec default "enabled", service "Enabled"); absent is
     * "Enabled". Any other value is passed through trimmed so a new mode is seen, not hidden.
     */
    public static String publicNetworkAccess(JsonNode value) {
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return ENABLED;
        }
        String v = value.asText().trim();
        return v.equalsIgnoreCase(ENABLED) ? ENABLED : v.equalsIgnoreCase(DISABLED) ? DISABLED : v;
    }

    public static NetworkRules networkAcls(JsonNode acls) {
        String action = canonicalCase(JsonFields.text(acls, "/defaultAction"), "Allow", List.of("Allow", "Deny"));
        String bypass = canonicalCase(JsonFields.text(acls, "/bypass"), "AzureServices", List.of("AzureServices", "None"));
        return new NetworkRules(action, bypass, JsonFields.size(acls, "/ipRules"),
                JsonFields.size(acls, "/virtualNetworkRules"));
    }

    /** vaultUri and hsmUri: ":443" removed and exactly one trailing slash (examples show both forms). */
    public static String vaultUri(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        String u = withoutDefaultPort(uri.trim());
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u + "/";
    }

    /** Key Vault ids and nextLinks sometimes carry an explicit ":443"; the same object must have one id. */
    public static String withoutDefaultPort(String uri) {
        return uri == null ? null : DEFAULT_HTTPS_PORT.matcher(uri).replaceFirst("$1");
    }

    /** Access-policy permissions: lower-cased (the service returns "Get" and "get"), sorted, de-duplicated. */
    public static List<String> permissions(JsonNode array) {
        TreeSet<String> out = new TreeSet<>();
        if (array != null && array.isArray()) {
            array.forEach(p -> out.add(p.asText().trim().toLowerCase(Locale.ROOT)));
        }
        out.remove("");
        return List.copyOf(out);
    }

    /** Set-like lists (key operations, log categories): sorted and de-duplicated, casing kept. */
    public static List<String> sortedSet(List<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    /** A known name in its documented casing ("auditevent" reads "AuditEvent"); unknown names trimmed. */
    public static String knownCasing(String value, List<String> known) {
        String v = value.trim();
        return known.stream().filter(k -> k.equalsIgnoreCase(v)).findFirst().orElse(v);
    }

    private static String canonicalCase(String value, String absent, List<String> known) {
        return value == null || value.isBlank() ? absent : knownCasing(value, known);
    }
}
