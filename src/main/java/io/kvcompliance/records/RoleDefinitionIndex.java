package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Role definition GUID to role name, built once per sync from the role definitions list
 * ({@code RoleDefinitions_List}, readable by any signed-in principal). Keys are lower-cased GUIDs:
 * assignments point at definitions through differently prefixed ids, so only the GUID matches.
 */
public final class RoleDefinitionIndex {
    private RoleDefinitionIndex() {
    }

    public static Map<String, String> build(Iterable<JsonNode> definitions) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode d : definitions) {
            String guid = guid(d);
            String roleName = JsonFields.text(d, "/properties/roleName");
            if (guid != null && roleName != null) {
                out.put(guid, roleName);
            }
        }
        return Map.copyOf(out);
    }

    /** The lower-cased GUID of a role definition id, whatever its scope prefix (or a bare GUID). */
    public static String guidOf(String roleDefinitionId) {
        String last = JsonFields.lastSegment(roleDefinitionId);
        return last == null || last.isBlank() ? null : last.toLowerCase(Locale.ROOT);
    }

    private static String guid(JsonNode d) {
        String name = JsonFields.text(d, "/name");
        return name != null ? name.toLowerCase(Locale.ROOT) : guidOf(JsonFields.text(d, "/id"));
    }
}
