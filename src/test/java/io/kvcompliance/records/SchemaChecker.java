package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deliberately small JSON Schema (2020-12) checker for the record schema: type, required,
 * properties, additionalProperties, items, local $ref, const, enum, allOf with if/then, format
 * (date-time, uuid) and pattern. Any other keyword fails the check instead of being skipped, so the
 * schema cannot quietly outgrow what is verified. (No validator library: pom.xml is not ours to change.)
 */
final class SchemaChecker {
    private static final Set<String> KNOWN = Set.of("$schema", "$id", "title", "description", "type", "required",
            "properties", "additionalProperties", "items", "$ref", "const", "enum", "allOf", "if", "then", "$defs",
            "format", "pattern");
    private static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final JsonNode root;

    SchemaChecker(JsonNode root) {
        this.root = root;
    }

    /** Problems found, as "path: problem"; empty when the instance conforms. */
    List<String> check(JsonNode instance) {
        List<String> out = new ArrayList<>();
        check(root, instance, "$", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> out) {
        schema.fieldNames().forEachRemaining(k -> {
            if (!KNOWN.contains(k)) {
                throw new IllegalStateException("schema keyword not supported by the checker: " + k + " at " + path);
            }
        });
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, path, out);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            out.add(path + ": expected " + schema.get("type") + ", was " + value.getNodeType());
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            out.add(path + ": expected " + schema.get("const") + ", was " + value);
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            out.add(path + ": " + value + " not in " + schema.get("enum"));
        }
        if (value.isTextual()) {
            checkText(schema, value.textValue(), path, out);
        }
        if (value.isObject()) {
            checkObject(schema, value, path, out);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                if (!part.has("if")) {
                    check(part, value, path, out);
                } else if (check(part.get("if"), value).isEmpty() && part.has("then")) {
                    check(part.get("then"), value, path, out);
                }
            }
        }
    }

    private List<String> check(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "$", out);
        return out;
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<String> out) {
        if (schema.has("required")) {
            for (JsonNode r : schema.get("required")) {
                if (!value.has(r.asText())) {
                    out.add(path + ": missing required " + r.asText());
                }
            }
        }
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "." + e.getKey();
            if (props.has(e.getKey())) {
                check(props.get(e.getKey()), e.getValue(), p, out);
            } else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                out.add(p + ": not in the schema");
            } else if (additional != null && additional.isObject()) {
                check(additional, e.getValue(), p, out);
            }
        }
    }

    private static void checkText(JsonNode schema, String text, String path, List<String> out) {
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            out.add(path + ": does not match " + schema.get("pattern").asText());
        }
        String format = schema.path("format").asText("");
        if (format.equals("uuid") && !UUID.matcher(text).matches()) {
            out.add(path + ": not a uuid");
        }
        if (format.equals("date-time")) {
            try {
                Instant.parse(text);
            } catch (DateTimeParseException e) {
                out.add(path + ": not an ISO-8601 instant");
            }
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only local $ref is supported: " + ref);
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("unresolved $ref " + ref);
        }
        return target;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "null" -> value.isNull();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> throw new IllegalStateException("unknown type " + type);
        };
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode v : array) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
