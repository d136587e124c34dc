package io.kvcompliance.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The token cache file format: a 5-byte header, a random 12-byte nonce per write, then AES-GCM of
 * {"connection": ..., "msal": "<msal4j cache JSON>"} with the header and a fixed label as associated data,
 * so a file from another program or format version fails authentication instead of being misread.
 */
final class TokenCacheEnvelope {
    /** What one file holds; either part may be null. */
    record Content(Connection connection, String msalCache) {
        static final Content EMPTY = new Content(null, null);
    }

    private static final byte[] HEADER = "KVTC1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LABEL = "keyvault-compliance token cache v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenCacheEnvelope() {
    }

    static byte[] seal(Content content, SecretKey key) throws IOException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed;
        try {
            sealed = crypt(Cipher.ENCRYPT_MODE, key, nonce, JSON.writeValueAsBytes(toJson(content)));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("AES-GCM refused to encrypt", e);
        }
        return ByteBuffer.allocate(HEADER.length + NONCE_BYTES + sealed.length).put(HEADER).put(nonce).put(sealed)
                .array();
    }

    /** Throws {@link AEADBadTagException} for a wrong key or a tampered or foreign file. */
    static Content open(byte[] file, SecretKey key) throws IOException, AEADBadTagException {
        if (file.length < HEADER.length + NONCE_BYTES || !Arrays.equals(HEADER, Arrays.copyOf(file, HEADER.length))) {
            throw new AEADBadTagException("not a keyvault-compliance token cache");
        }
        byte[] nonce = Arrays.copyOfRange(file, HEADER.length, HEADER.length + NONCE_BYTES);
        byte[] plain = crypt(Cipher.DECRYPT_MODE, key, nonce, Arrays.copyOfRange(file, HEADER.length + NONCE_BYTES,
                file.length));
        return fromJson(JSON.readTree(plain));
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, byte[] input) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(HEADER);
            cipher.updateAAD(LABEL);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static ObjectNode toJson(Content content) {
        ObjectNode root = JSON.createObjectNode();
        Connection c = content.connection();
        if (c != null) {
            root.putObject("connection").put("tenantId", c.tenantId()).put("username", c.username())
                    .put("homeAccountId", c.homeAccountId()).put("connectedAt", c.connectedAt().toString());
        }
        if (content.msalCache() != null) {
            root.put("msal", content.msalCache());
        }
        return root;
    }

    private static Content fromJson(JsonNode root) {
        JsonNode c = root.path("connection");
        Connection connection = c.isObject() ? new Connection(c.path("tenantId").asText(), c.path("username").asText(),
                c.path("homeAccountId").asText(), Instant.parse(c.path("connectedAt").asText())) : null;
        return new Content(connection, root.hasNonNull("msal") ? root.get("msal").asText() : null);
    }
}
