package io.kvcompliance.sandbox.model;

import java.util.List;

/**
 * An app registration with its service principal. Client secrets here are sandbox-only values;
 * certificates are public PEM certificates only (the private key never belongs in a fixture).
 */
public record ApplicationDef(
        String appId,
        String displayName,
        String servicePrincipalObjectId,
        boolean publicClient,
        List<String> redirectUris,
        List<String> clientSecrets,
        List<String> certificates) {

    public ApplicationDef {
        redirectUris = Lists.orEmpty(redirectUris);
        clientSecrets = Lists.orEmpty(clientSecrets);
        certificates = Lists.orEmpty(certificates);
    }
}
