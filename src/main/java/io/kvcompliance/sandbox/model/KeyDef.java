package io.kvcompliance.sandbox.model;

import java.util.List;
import java.util.Map;

/**
 * A key's metadata. Times are fixture time expressions (ISO-8601 or now±duration, see
 * FixtureClock). {@code managed} marks keys that back a certificate.
 */
public record KeyDef(
        String name,
        String kty,
        Integer keySize,
        String curveName,
        List<String> keyOps,
        Boolean enabled,
        String notBefore,
        String expires,
        String created,
        String updated,
        String recoveryLevel,
        Boolean exportable,
        RotationPolicyDef rotationPolicy,
        Map<String, String> tags,
        boolean managed) {

    public KeyDef {
        kty = kty == null ? "RSA" : kty;
        keyOps = Lists.orEmpty(keyOps);
        enabled = enabled == null ? Boolean.TRUE : enabled;
        recoveryLevel = recoveryLevel == null ? "Recoverable+Purgeable" : recoveryLevel;
        tags = Lists.orEmpty(tags);
    }

    /** Key rotation policy: expiry and lifetime actions (rotate or notify). */
    public record RotationPolicyDef(String expiryTime, List<LifetimeActionDef> lifetimeActions) {
        public RotationPolicyDef {
            lifetimeActions = Lists.orEmpty(lifetimeActions);
        }
    }

    /** One lifetime action: trigger after creation or before expiry (ISO-8601 durations). */
    public record LifetimeActionDef(String timeAfterCreate, String timeBeforeExpiry, String action) {
    }
}
