package io.kvcompliance.sandbox.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and validates the sandbox's access tokens: compact JWTs signed with HMAC-SHA256 under a
 * key made fresh at each start (real Entra ID signs with RS256; clients never verify access tokens,
 * the resource does, and here the resource is the sandbox itself).
 */
public final class TokenService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString(
            "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"sandbox\"}".getBytes(StandardCharsets.UTF_8));

    /** Why a presented token was not accepted. */
    public enum Problem { MALFORMED, BAD_SIGNATURE }

    /** The outcome of reading a token: its claims, or the problem with it. */
    public record Validation(TokenClaims claims, Problem problem) {
        public boolean valid() {
            return claims != null;
        }
    }

    /** A collector presents the same token on thousands of calls; verifying it once keeps the sandbox fast. */
    private static final int VERIFIED_LIMIT = 10_000;
    private final byte[] key = new byte[32];
    private final java.util.Map<String, Validation> verified = new java.util.concurrent.ConcurrentHashMap<>();

    public TokenService() {
        new SecureRandom().nextBytes(key);
    }

    public String issue(TokenClaims claims) {
        try {
            String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
            String signingInput = HEADER + "." + payload;
            return signingInput + "." + B64.encodeToString(sign(signingInput));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue sandbox token", e);
        }
    }

    /** Checks the signature and parses the claims; expiry and audience are the resource's business. */
    public Validation read(String token) {
        if (token == null) {
            return new Validation(null, Problem.MALFORMED);
        }
        Validation known = verified.get(token);
        if (known != null) {
            return known;
        }
        Validation v = verify(token);
        if (v.valid()) {
            if (verified.size() >= VERIFIED_LIMIT) {
                verified.clear();
            }
            verified.put(token, v);
        }
        return v;
    }

    private Validation verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return new Validation(null, Problem.MALFORMED);
        }
        try {
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return new Validation(null, Problem.BAD_SIGNATURE);
            }
            return new Validation(JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), TokenClaims.class), null);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return new Validation(null, Problem.MALFORMED);
        }
    }

    /** Unsigned id_token as msal4j reads it (it does not verify id_token signatures). */
    public static String idToken(Object claims) {
        try {
            String header = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
            return header + "." + B64.encodeToString(JSON.writeValueAsBytes(claims)) + ".";
        } catch (Exception e) {
            throw new IllegalStateException("cannot build id_token", e);
        }
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant claim of a token without checking it, for error messages only. */
    public Optional<String> unverifiedTenant(String token) {
        Validation v = read(token);
        return v.valid() ? Optional.ofNullable(v.claims().tid()) : Optional.empty();
    }
}
