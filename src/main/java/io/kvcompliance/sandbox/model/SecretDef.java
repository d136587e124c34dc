package io.kvcompliance.sandbox.model;

import java.util.Map;

/**
 * A secret's metadata, plus the value the sandbox holds so that its value endpoint can answer like
 * Azure (and count a violation when it is called). {@code managed} marks secrets backing a certificate.
 */
public record SecretDef(
        String name,
        String contentType,
        Boolean enabled,
        String notBefore,
        String expires,
        String created,
        String updated,
        String recoveryLevel,
        Map<String, String> tags,
        String value,
        boolean managed) {

    public SecretDef {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        recoveryLevel = recoveryLevel == null ? "Recoverable+Purgeable" : recoveryLevel;
        tags = Lists.orEmpty(tags);
    }
}
