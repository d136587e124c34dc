package io.kvcompliance.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one Jackson configuration for records. Nulls are written, not dropped: a consumer must see that
 * an attribute was absent in Azure (e.g. {@code expires: null}) rather than guess from a missing key.
 * Times are already ISO-8601 strings in the records, so no date handling is configured.
 */
public final class RecordJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private RecordJson() {
    }

    public static String toJson(ComplianceRecord record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record " + record.recordId() + " is not serialisable", e);
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static ComplianceRecord fromJson(String json) {
        try {
            return MAPPER.readValue(json, ComplianceRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a compliance record: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Canonical JSON of attributes: object keys sorted (Java String order) at every depth, array order
     * kept, no insignificant whitespace. The same attributes always give the same text, whatever the
     * order a mapper (or a database round trip) put them in.
     */
    public static String canonical(Map<String, ?> attributes) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writeSorted(MAPPER.valueToTree(attributes), g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Lower-case hex SHA-256 of {@link #canonical(Map)}. */
    public static String attributesHash(Map<String, ?> attributes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(attributes).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static void writeSorted(JsonNode node, JsonGenerator g) throws IOException {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                g.writeFieldName(e.getKey());
                writeSorted(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode item : node) {
                writeSorted(item, g);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }
}
