package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-tolerant reads of single fields from Azure JSON: a mapper picks fields, never whole objects. */
final class JsonFields {
    private JsonFields() {
    }

    /** The node at a JSON pointer, or null when it is missing or JSON null. */
    static JsonNode at(JsonNode node, String pointer) {
        if (node == null) {
            return null;
        }
        JsonNode n = node.at(pointer);
        return n.isMissingNode() || n.isNull() ? null : n;
    }

    static String text(JsonNode node, String pointer) {
        JsonNode n = at(node, pointer);
        return n == null || n.isContainerNode() ? null : n.asText();
    }

    static Boolean bool(JsonNode node, String pointer) {
        JsonNode n = at(node, pointer);
        if (n == null) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        // a "true"/"false" string is read as the flag, not as absent, so a serialisation quirk cannot
        // silently turn an explicit value into Azure's default; anything else is unknown (null)
        String t = n.isTextual() ? n.textValue().trim() : "";
        return t.equalsIgnoreCase("true") ? Boolean.TRUE : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    static Integer integer(JsonNode node, String pointer) {
        JsonNode n = at(node, pointer);
        if (n == null) {
            return null;
        }
        if (n.canConvertToInt()) {
            return n.intValue();
        }
        try {
            return n.isTextual() ? Integer.valueOf(n.textValue().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The array's scalar items as text; empty when the array is absent. */
    static List<String> strings(JsonNode node, String pointer) {
        JsonNode n = at(node, pointer);
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            for (JsonNode item : n) {
                if (item.isValueNode() && !item.isNull()) {
                    out.add(item.asText());
                }
            }
        }
        return out;
    }

    static int size(JsonNode node, String pointer) {
        JsonNode n = at(node, pointer);
        return n != null && n.isArray() ? n.size() : 0;
    }

    /** Tags as name to text value, in Azure's order; an absent tag object is an empty map. */
    static Map<String, Object> tags(JsonNode node, String pointer) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode n = at(node, pointer);
        if (n != null && n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        return out;
    }

    /** The preferred value, or the fallback when it is null. */
    static String orElse(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** The last path segment of an id ({@code .../roleDefinitions/<guid>} gives the GUID). */
    static String lastSegment(String id) {
        if (id == null) {
            return null;
        }
        String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
