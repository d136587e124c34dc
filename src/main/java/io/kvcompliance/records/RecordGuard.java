package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The last line of defence: no record leaves a mapper carrying a secret value, key material or a
 * private key, even if an allowlist is later widened by mistake. Failures name the attribute path,
 * never the value, so the exception itself cannot leak what it caught.
 */
public final class RecordGuard {
    /** Secret values, JWK private and public members, HSM key blobs, certificate and PFX payloads. */
    private static final Set<String> FORBIDDEN_KEYS = Set.of("value", "n", "e", "d", "p", "q", "dp", "dq", "qi",
            "x", "y", "k", "key_hsm", "t", "cer", "pfx", "privatekey", "kty");
    // PKCS#1, PKCS#8, EC and encrypted PEM headers all end in "PRIVATE KEY-----"
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile("-----BEGIN[A-Z ]*PRIVATE KEY-----");
    private static final Pattern JWK_TEXT = Pattern.compile("^\\s*\\{.*\"kty\"\\s*:", Pattern.DOTALL);

    private RecordGuard() {
    }

    /** Throws {@link IllegalStateException} when any attribute, at any depth, looks like secret material. */
    public static void requireNoSecretMaterial(ComplianceRecord record) {
        walk(RecordJson.toTree(record.attributes()), "attributes", false, record);
    }

    private static void walk(JsonNode node, String path, boolean tagMap, ComplianceRecord r) {
        if (node.isObject()) {
            // tag names are the customer's own words ("value", "owner"), not Azure fields; a "tags"
            // object holding anything but strings is not a tag map and gets no exemption
            boolean tagNames = tagMap && allText(node);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String childPath = path + "." + e.getKey();
                if (!tagNames && FORBIDDEN_KEYS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                    throw refuse(r, childPath, "a field named like secret or key material");
                }
                walk(e.getValue(), childPath, !tagMap && e.getKey().equals("tags"), r);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", false, r);
            }
        } else if (node.isTextual()) {
            String text = node.textValue();
            if (PEM_PRIVATE_KEY.matcher(text).find()) {
                throw refuse(r, path, "a PEM private key");
            }
            if (JWK_TEXT.matcher(text).find()) {
                throw refuse(r, path, "a JSON Web Key");
            }
        }
    }

    private static boolean allText(JsonNode object) {
        for (JsonNode value : object) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static IllegalStateException refuse(ComplianceRecord r, String path, String what) {
        return new IllegalStateException("refusing " + r.type().jsonName() + " record " + r.recordId() + ": "
                + path + " holds " + what);
    }
}
