package io.kvcompliance.sandbox.entra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The grants Entra ID hands out and later redeems: authorization codes, device codes and refresh
 * tokens. Each is an opaque random string; the maps are keyed by its SHA-256 so the store never holds a
 * usable credential. Codes live 10 minutes and redeem once (ENTRADOCS v2-oauth2-auth-code-flow.md).
 */
final class GrantStore {
    static final long CODE_LIFETIME_SECONDS = 600;
    /** Entra's refresh tokens expire after 90 days of inactivity (ENTRADOCS refresh-tokens.md). */
    static final long REFRESH_INACTIVITY_SECONDS = 90L * 24 * 3600;
    private static final String USER_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What an authorization code is bound to. */
    record AuthCode(String tenantId, String clientId, String redirectUri, String challenge, String challengeMethod,
                    String userOid, String scope, String nonce, long expiresAt) {
    }

    /** Where a device code stands: waiting, or decided by the user on the device page. */
    enum DeviceStatus { PENDING, APPROVED, DECLINED, CONSENT_BLOCKED }

    /** A device code grant; the user fields are set once someone approves it. */
    record DeviceGrant(String userCode, String tenantSegment, String clientId, String scope, long expiresAt, long seq,
                       DeviceStatus status, String userTenantId, String userOid) {
        DeviceGrant decided(DeviceStatus newStatus, String tenantId, String oid) {
            return new DeviceGrant(userCode, tenantSegment, clientId, scope, expiresAt, seq, newStatus, tenantId, oid);
        }
    }

    /** A refresh token's binding: Entra refresh tokens are per user and client, valid for any consented resource. */
    record RefreshGrant(String tenantId, String userOid, String clientId, long issuedAtMillis, long lastUsedAt) {
    }

    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> redeemedCodes = new ConcurrentHashMap<>();
    private final Map<String, String> userCodeByDeviceCode = new ConcurrentHashMap<>();
    private final Map<String, DeviceGrant> devicesByUserCode = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Long> tokensValidFrom = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

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

    /** Issues a device code and its user code; returns {device_code, user_code}. */
    String[] issueDeviceCode(String tenantSegment, String clientId, String scope, long expiresAt) {
        String userCode;
        do {
            userCode = userCode();
        } while (devicesByUserCode.containsKey(userCode));
        String deviceCode = random(48);
        devicesByUserCode.put(userCode, new DeviceGrant(userCode, tenantSegment, clientId, scope, expiresAt,
                sequence.incrementAndGet(), DeviceStatus.PENDING, null, null));
        userCodeByDeviceCode.put(digest(deviceCode), userCode);
        return new String[] {deviceCode, userCode};
    }

    Optional<DeviceGrant> deviceGrant(String deviceCode) {
        String userCode = deviceCode == null ? null : userCodeByDeviceCode.get(digest(deviceCode));
        return userCode == null ? Optional.empty() : Optional.ofNullable(devicesByUserCode.get(userCode));
    }

    Optional<DeviceGrant> deviceGrantByUserCode(String userCode) {
        return Optional.ofNullable(devicesByUserCode.get(normalizeUserCode(userCode)));
    }

    void updateDeviceGrant(String userCode, UnaryOperator<DeviceGrant> change) {
        devicesByUserCode.computeIfPresent(normalizeUserCode(userCode), (k, g) -> change.apply(g));
    }

    /** A device code redeems once: afterwards it is unknown, as at Entra. */
    void consumeDeviceCode(String deviceCode) {
        String userCode = userCodeByDeviceCode.remove(digest(deviceCode));
        if (userCode != null) {
            devicesByUserCode.remove(userCode);
        }
    }

    Optional<String> latestPendingUserCode(long now) {
        return devicesByUserCode.values().stream()
                .filter(g -> g.status() == DeviceStatus.PENDING && g.expiresAt() > now)
                .max(Comparator.comparingLong(DeviceGrant::seq)).map(DeviceGrant::userCode);
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

    static String normalizeUserCode(String userCode) {
        return userCode == null ? "" : userCode.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static String userCode() {
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            sb.append(USER_CODE_ALPHABET.charAt(RANDOM.nextInt(USER_CODE_ALPHABET.length())));
        }
        return sb.toString();
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
