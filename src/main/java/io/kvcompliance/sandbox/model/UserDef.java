package io.kvcompliance.sandbox.model;

import java.util.List;

/**
 * A user who can sign in through the sandbox's authorize page or device code page.
 * {@code blockedConsentResources} lists resources (e.g. {@code https://vault.azure.net}) the user
 * cannot consent to, which is how a fixture models "data-plane consent missing".
 */
public record UserDef(
        String objectId,
        String userPrincipalName,
        String displayName,
        boolean isDefault,
        List<String> blockedConsentResources) {

    public UserDef {
        blockedConsentResources = Lists.orEmpty(blockedConsentResources);
    }
}
