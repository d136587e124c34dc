package io.kvcompliance.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attributes hash depends on content only, never on the order a map was filled in. */
class AttributesHashTest {
    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void attributeOrderDoesNotChangeTheHashAtAnyDepth() {
        Map<String, Object> a = ordered("b", 1, "a", ordered("y", true, "x", null), "c", List.of("z", "y"));
        Map<String, Object> b = ordered("c", List.of("z", "y"), "a", ordered("x", null, "y", true), "b", 1);
        assertThat(RecordJson.attributesHash(a)).isEqualTo(RecordJson.attributesHash(b));
        assertThat(RecordJson.canonical(a)).isEqualTo("{\"a\":{\"x\":null,\"y\":true},\"b\":1,\"c\":[\"z\",\"y\"]}");
    }

    @Test
    void arrayOrderAndNullVersusAbsentDoChangeTheHash() {
        assertThat(RecordJson.attributesHash(ordered("c", List.of("y", "z"))))
                .isNotEqualTo(RecordJson.attributesHash(ordered("c", List.of("z", "y"))));
        assertThat(RecordJson.attributesHash(ordered("x", null))).isNotEqualTo(RecordJson.attributesHash(ordered()));
    }

    @Test
    void hashIsLowerCaseHexSha256() {
        assertThat(RecordJson.attributesHash(ordered())).isEqualTo(
                "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"); // sha256("{}")
    }

    @Test
    void integerWidthDoesNotChangeTheHash() {
        assertThat(RecordJson.attributesHash(ordered("n", 5))).isEqualTo(RecordJson.attributesHash(ordered("n", 5L)));
    }

    @Test
    void recordReadBackFromJsonHasTheSameHash() {
        ComplianceRecord r = new VaultMapper("2024-11-01").map(GoldenFiles.input("vault", "kv-prod-private"),
                GoldenFiles.subscriptionContext());
        ComplianceRecord back = RecordJson.fromJson(RecordJson.toJson(r));
        assertThat(RecordJson.attributesHash(back.attributes())).isEqualTo(r.attributesHash());
        assertThat(back).isEqualTo(r);
        assertThat(Arrays.asList(back.type(), back.provenance().operation())).containsExactly(RecordType.VAULT, "Vaults_Get");
    }
}
