package io.kvcompliance.sandbox.entra;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Outstanding device codes, findable by the device code the app polls with (kept as its SHA-256) and
 * by the user code a person types; user codes are 8 characters without look-alikes (no 0/O, 1/I/L).
 */
final class DeviceCodeStore {
    private static final String USER_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /** Where a device code stands: waiting, or decided by the user on the device page. */
    enum DeviceStatus { PENDING, APPROVED, DECLINED, CONSENT_BLOCKED }

    /** A device code grant; the user fields are set once someone approves it. */
    record DeviceGrant(String userCode, String tenantSegment, String clientId, String scope, long expiresAt, long seq,
                       DeviceStatus status, String userTenantId, String userOid) {
        DeviceGrant decided(DeviceStatus newStatus, String tenantId, String oid) {
            return new DeviceGrant(userCode, tenantSegment, clientId, scope, expiresAt, seq, newStatus, tenantId, oid);
        }
    }

    private final Map<String, String> userCodeByDeviceCode = new ConcurrentHashMap<>();
    private final Map<String, DeviceGrant> byUserCode = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** Issues a device code and its user code; returns {device_code, user_code}. */
    String[] issue(String tenantSegment, String clientId, String scope, long expiresAt) {
        String userCode;
        do {
            userCode = userCode();
        } while (byUserCode.containsKey(userCode));
        String deviceCode = GrantStore.random(48);
        byUserCode.put(userCode, new DeviceGrant(userCode, tenantSegment, clientId, scope, expiresAt,
                sequence.incrementAndGet(), DeviceStatus.PENDING, null, null));
        userCodeByDeviceCode.put(GrantStore.digest(deviceCode), userCode);
        return new String[] {deviceCode, userCode};
    }

    Optional<DeviceGrant> byDeviceCode(String deviceCode) {
        String userCode = deviceCode == null ? null : userCodeByDeviceCode.get(GrantStore.digest(deviceCode));
        return userCode == null ? Optional.empty() : Optional.ofNullable(byUserCode.get(userCode));
    }

    Optional<DeviceGrant> byUserCode(String userCode) {
        return Optional.ofNullable(byUserCode.get(normalize(userCode)));
    }

    void update(String userCode, UnaryOperator<DeviceGrant> change) {
        byUserCode.computeIfPresent(normalize(userCode), (k, g) -> change.apply(g));
    }

    /** A device code redeems once: afterwards it is unknown, as at Entra. */
    void consume(String deviceCode) {
        String userCode = userCodeByDeviceCode.remove(GrantStore.digest(deviceCode));
        if (userCode != null) {
            byUserCode.remove(userCode);
        }
    }

    Optional<String> latestPending(long now) {
        return byUserCode.values().stream().filter(g -> g.status() == DeviceStatus.PENDING && g.expiresAt() > now)
                .max(Comparator.comparingLong(DeviceGrant::seq)).map(DeviceGrant::userCode);
    }

    /** People type codes in any case, sometimes with a space or dash in the middle. */
    static String normalize(String userCode) {
        return userCode == null ? "" : userCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static String userCode() {
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            sb.append(USER_CODE_ALPHABET.charAt(GrantStore.RANDOM.nextInt(USER_CODE_ALPHABET.length())));
        }
        return sb.toString();
    }
}
