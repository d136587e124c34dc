package io.kvcompliance.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test-only: decrypts a token cache with its configured key and lists the token secrets msal4j stored. */
public final class CachedTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CachedTokens() {
    }

    /** Access, refresh and id token secrets in the cache the kv.auth.token-cache* properties name. */
    public static List<String> secrets(Map<String, String> props) throws Exception {
        TokenCacheEnvelope.Content content = TokenCacheEnvelope.open(
                Files.readAllBytes(Path.of(props.get("kv.auth.token-cache"))),
                TokenCacheKey.resolve(props.get("kv.auth.token-cache-key"),
                        Path.of(props.get("kv.auth.token-cache-key-file"))));
        JsonNode cache = JSON.readTree(content.msalCache());
        List<String> out = new ArrayList<>();
        for (String section : List.of("AccessToken", "RefreshToken", "IdToken")) {
            cache.path(section).forEach(entry -> out.add(entry.path("secret").asText()));
        }
        return out;
    }
}
