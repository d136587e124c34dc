package io.kvcompliance.sandbox.entra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grants Entra ID hands out and later redeems: authorization codes, refresh tokens and (in
 * {@link DeviceCodeStore}) device codes. Each is an opaque random string; the maps are keyed by its
 * SHA-256 so the store never holds a usable credential. Codes live 10 minutes and redeem once
 * (ENTRADOCS v2-oauth2-auth-code-flow.md).
 */
final class GrantStore {
    static final long CODE_LIFETIME_SECONDS = 600;
    /** Entra's refresh tokens expire after 90 days of inactivity (ENTRADOCS refresh-tokens.md). */
    static final long REFRESH_INACTIVITY_SECONDS = 90L * 24 * 3600;
    static final SecureRandom RANDOM = new SecureRandom();

    /** What an authorization code is bound to. */
    record AuthCode(String tenantId, String clientId, String redirectUri, String challenge, String challengeMethod,
                    String userOid, String scope, String nonce, long expiresAt) {
    }

    /** A refresh token's binding: Entra refresh tokens are per user and client, valid for any consented resource. */
    record RefreshGrant(String tenantId, String userOid, String clientId, long issuedAtMillis, long lastUsedAt) {
    }

    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> redeemedCodes = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Long> tokensValidFrom = new ConcurrentHashMap<>();
    private final DeviceCodeStore devices = new DeviceCodeStore();

    DeviceCodeStore devices() {
        return devices;
    }

    String issueCode(AuthCode code, long now) {
        codes.entrySet().removeIf(e -> e.getValue().expiresAt() < now);
        redeemedCodes.keySet().removeIf(k -> !codes.containsKey(k));
        String value = random(48);
        codes.put(digest(value), code);
        return value;
    }

    Optional<AuthCode> code(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(codes.get(digest(value)));
    }

    /** Marks a code used; false when it already was (a concurrent or repeated redemption). */
    boolean markRedeemed(String value) {
        return redeemedCodes.putIfAbsent(digest(value), Boolean.TRUE) == null;
    }

    boolean isRedeemed(String value) {
        return redeemedCodes.containsKey(digest(value));
    }

    String issueRefreshToken(String tenantId, String userOid, String clientId, long nowMillis) {
        String value = random(64);
        refreshTokens.put(digest(value), new RefreshGrant(tenantId, userOid, clientId, nowMillis, nowMillis / 1000));
        return value;
    }

    Optional<RefreshGrant> refreshGrant(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(refreshTokens.get(digest(value)));
    }

    void touchRefreshToken(String value, long now) {
        refreshTokens.computeIfPresent(digest(value), (k, g) -> new RefreshGrant(g.tenantId(), g.userOid(),
                g.clientId(), g.issuedAtMillis(), now));
    }

    /** Like Entra's revokeSignInSessions: every refresh token issued before now stops working. */
    int revokeUser(String userOid, long nowMillis) {
        Long before = tokensValidFrom.put(userOid.toLowerCase(java.util.Locale.ROOT), nowMillis);
        long previous = before == null ? 0 : before;
        return (int) refreshTokens.values().stream().filter(g -> g.userOid().equalsIgnoreCase(userOid)
                && g.issuedAtMillis() >= previous && g.issuedAtMillis() < nowMillis).count();
    }

    /** The user's TokensValidFrom instant in millis, or 0 when never revoked. */
    long tokensValidFrom(String userOid) {
        return tokensValidFrom.getOrDefault(userOid.toLowerCase(java.util.Locale.ROOT), 0L);
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
