package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A vault's diagnostic setting (Microsoft.Insights {@code DiagnosticSettings_List}, one page) to a
 * DIAGNOSTIC_SETTING record. Needs {@code Microsoft.Insights/diagnosticSettings/read}.
 *
 * <p>auditEventLogged: the AuditEvent category, or the "audit" or "allLogs" category group, is
 * enabled and the setting has at least one destination (workspace, storage account or event hub).
 * That both groups include AuditEvent for Key Vault follows Azure Monitor's definition of the groups;
 * names are compared case-insensitively because the service does not keep one casing.
 */
public final class DiagnosticSettingMapper {
    private static final Set<String> AUDIT_GROUPS = Set.of("audit", "alllogs");
    // Key Vault's documented log categories, category groups and metric category
    private static final List<String> KNOWN_NAMES = List.of("AuditEvent", "AzurePolicyEvaluationDetails", "audit",
            "allLogs", "AllMetrics");

    private final Provenance provenance;

    public DiagnosticSettingMapper(String apiVersion) {
        this.provenance = Provenance.resourceManager("DiagnosticSettings_List", apiVersion);
    }

    public ComplianceRecord map(JsonNode setting, RecordContext ctx) {
        String id = JsonFields.text(setting, "/id");
        JsonNode p = JsonFields.at(setting, "/properties");
        List<String> categories = enabled(JsonFields.at(p, "/logs"), "/category");
        List<String> groups = enabled(JsonFields.at(p, "/logs"), "/categoryGroup");
        Map<String, Object> destinations = new LinkedHashMap<>();
        destinations.put("workspaceId", JsonFields.text(p, "/workspaceId"));
        destinations.put("storageAccountId", JsonFields.text(p, "/storageAccountId"));
        destinations.put("eventHubAuthorizationRuleId", JsonFields.text(p, "/eventHubAuthorizationRuleId"));
        destinations.put("eventHubName", JsonFields.text(p, "/eventHubName"));
        boolean hasDestination = destinations.get("workspaceId") != null || destinations.get("storageAccountId") != null
                || destinations.get("eventHubAuthorizationRuleId") != null;
        boolean auditSelected = categories.stream().anyMatch("AuditEvent"::equalsIgnoreCase)
                || groups.stream().anyMatch(g -> AUDIT_GROUPS.contains(g.toLowerCase(Locale.ROOT)));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", JsonFields.text(setting, "/name"));
        a.put("enabledLogCategories", categories);
        a.put("enabledLogCategoryGroups", groups);
        a.put("enabledMetrics", enabled(JsonFields.at(p, "/metrics"), "/category"));
        a.put("destinations", destinations);
        a.put("auditEventLogged", auditSelected && hasDestination);
        return ComplianceRecord.create(RecordType.DIAGNOSTIC_SETTING, id, id, ctx.scopedTo(id), provenance, a);
    }

    /** The named field of each entry whose "enabled" is true; known names in one casing, sorted, de-duplicated. */
    private static List<String> enabled(JsonNode entries, String field) {
        List<String> out = new ArrayList<>();
        if (entries != null) {
            for (JsonNode e : entries) {
                String name = JsonFields.text(e, field);
                if (name != null && !name.isBlank() && Boolean.TRUE.equals(JsonFields.bool(e, "/enabled"))) {
                    out.add(Normalize.knownCasing(name, KNOWN_NAMES));
                }
            }
        }
        return Normalize.sortedSet(out);
    }
}
