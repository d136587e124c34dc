package io.kvcompliance.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden files under src/test/resources/golden/&lt;type&gt;/: {@code <case>.input.json} (Azure JSON, most of
 * it captured from the sandbox) and {@code <case>.record.json} (the expected record, hand-checked).
 * Run with {@code -Dgolden.write=true} to (re)write the record files from the mappers, then review
 * every diff before committing: that switch turns a failing test into a changed expectation.
 */
final class GoldenFiles {
    static final Path ROOT = Path.of("src/test/resources/golden");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String TENANT = "f8680c96-e257-4c51-ba15-649a0f42ea5d";
    static final String PROD = "bf6c8352-3afe-406a-8289-e9096c88bfe6";
    static final String PAYMENTS_VAULT = "/subscriptions/" + PROD
            + "/resourceGroups/rg-payments/providers/Microsoft.KeyVault/vaults/kv-prod-payments";
    static final String SYNC_ID = "00000000-0000-4000-8000-00000000a11c";
    static final Instant COLLECTED_AT = Instant.parse("2025-06-01T12:00:00Z");
    static final String ARM_KEYVAULT_API = "2024-11-01";
    static final String AUTHORIZATION_API = "2022-04-01";
    static final String INSIGHTS_API = "2021-05-01-preview";
    static final String DATA_PLANE_API = "7.5";

    private GoldenFiles() {
    }

    /** The sync every golden record was collected in (collectedAt and syncId are fixed, not ignored). */
    static RecordContext subscriptionContext() {
        return RecordContext.forSubscription(TENANT, PROD, SYNC_ID, COLLECTED_AT);
    }

    static RecordContext paymentsVaultContext() {
        return subscriptionContext().withVault(PAYMENTS_VAULT);
    }

    static Stream<String> cases(String type) {
        try (Stream<Path> files = Files.list(ROOT.resolve(type))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".input.json"))
                    .map(n -> n.substring(0, n.length() - ".input.json".length())).sorted().toList();
            assertThat(names).as("golden cases of " + type).isNotEmpty();
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode input(String type, String name) {
        return read(ROOT.resolve(type).resolve(name + ".input.json"));
    }

    /** Every expected record of every type (arrays flattened), for the schema check. */
    static List<JsonNode> allExpectedRecords() {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.toString().endsWith(".record.json")).sorted().forEach(p -> {
                JsonNode n = read(p);
                if (n.isArray()) {
                    n.forEach(out::add);
                } else {
                    out.add(n);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Compares the mapper's output with {@code <case>.record.json}, reporting every differing path. */
    static void assertMatchesGolden(String type, String name, Object records) {
        JsonNode actual = RecordJson.toTree(records);
        Path file = ROOT.resolve(type).resolve(name + ".record.json");
        if (Boolean.getBoolean("golden.write")) {
            try {
                Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(file).as("expected record file; see GoldenFiles for -Dgolden.write").exists();
        List<String> differences = new ArrayList<>();
        diff("", read(file), actual, differences);
        assertThat(differences).as(type + "/" + name + ": expected vs actual").isEmpty();
    }

    private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (!expected.has(n) || !actual.has(n)) {
                    out.add(path + "/" + n + (expected.has(n) ? " missing" : " unexpected") + " in actual");
                } else {
                    diff(path + "/" + n, expected.get(n), actual.get(n), out);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(path + " has " + actual.size() + " items, expected " + expected.size());
                return;
            }
            Iterator<JsonNode> e = expected.iterator();
            Iterator<JsonNode> a = actual.iterator();
            for (int i = 0; e.hasNext(); i++) {
                diff(path + "/" + i, e.next(), a.next(), out);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(path + ": expected " + expected + ", was " + actual);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": expected " + expected + ", was " + actual);
        }
    }
}
