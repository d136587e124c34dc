package io.kvcompliance.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JSON Schema in src/main/resources/schema describes every record the mappers produce. */
class RecordSchemaTest {
    private static final JsonNode SCHEMA = load();
    private final SchemaChecker checker = new SchemaChecker(SCHEMA);

    private static JsonNode load() {
        try (InputStream in = RecordSchemaTest.class.getResourceAsStream("/schema/compliance-record.schema.json")) {
            return GoldenFiles.JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyGoldenRecordConformsToTheSchema() {
        List<JsonNode> records = GoldenFiles.allExpectedRecords();
        assertThat(records).hasSizeGreaterThan(50);
        for (JsonNode r : records) {
            assertThat(checker.check(r)).as(r.get("type") + " " + r.get("azureId")).isEmpty();
        }
    }

    @Test
    void everyGoldenRecordTypeIsCovered() {
        Set<String> seen = GoldenFiles.allExpectedRecords().stream().map(r -> r.get("type").asText())
                .collect(Collectors.toSet());
        Set<String> mapped = java.util.Arrays.stream(RecordType.values()).filter(t -> t != RecordType.SYNC_SUMMARY)
                .map(RecordType::jsonName).collect(Collectors.toSet());
        assertThat(seen).isEqualTo(mapped);
    }

    @Test
    void everyRecordTypeHasAnAttributesDefinition() {
        for (RecordType t : RecordType.values()) {
            assertThat(SCHEMA.at("/$defs/" + t.jsonName() + "Attributes").isObject()).as(t.jsonName()).isTrue();
        }
        assertThat(SCHEMA.at("/properties/type/enum")).hasSize(RecordType.values().length);
    }

    @Test
    void everyPropertyHasADescription() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(SCHEMA, "", undescribed);
        assertThat(undescribed).isEmpty();
    }

    @Test
    void checkerRejectsUnknownAndMissingAttributesAndWrongTypes() {
        ObjectNode r = (ObjectNode) GoldenFiles.read(GoldenFiles.ROOT.resolve("vault/kv-prod-payments.record.json"));
        ObjectNode a = (ObjectNode) r.get("attributes");
        a.put("secretValue", "x");
        a.remove("purgeProtectionEnabled");
        a.put("ipRuleCount", "3");
        r.put("collectedAt", "yesterday");
        assertThat(checker.check(r)).hasSize(4).anyMatch(p -> p.contains("secretValue"))
                .anyMatch(p -> p.contains("purgeProtectionEnabled")).anyMatch(p -> p.contains("ipRuleCount"))
                .anyMatch(p -> p.contains("collectedAt"));
    }

    private static void collectUndescribed(JsonNode schema, String path, List<String> out) {
        JsonNode props = schema.get("properties");
        if (props != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().hasNonNull("description")) {
                    out.add(path + "/" + e.getKey());
                }
                collectUndescribed(e.getValue(), path + "/" + e.getKey(), out);
            }
        }
        for (String nested : List.of("items", "$defs")) {
            JsonNode n = schema.get(nested);
            if (n != null && nested.equals("items")) {
                collectUndescribed(n, path + "[]", out);
            } else if (n != null) {
                n.fields().forEachRemaining(d -> collectUndescribed(d.getValue(), path + "/$defs/" + d.getKey(), out));
            }
        }
    }
}
