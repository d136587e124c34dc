package io.kvcompliance.sandbox.entra;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The resources (token audiences) the sandbox serves and how scopes map onto them. The sandbox is
 * a cloud with its own hosts but Azure's public resource identifiers, so the scopes a collector
 * asks for are exactly the ones it asks Entra ID for in production.
 */
public final class AzureResources {
    public static final String ARM = "https://management.azure.com/";
    public static final String KEY_VAULT = "https://vault.azure.net";
    /** Audiences Resource Manager accepts, as its InvalidAuthenticationTokenAudience message lists them. */
    public static final List<String> ARM_AUDIENCES = List.of("https://management.core.windows.net/",
            "https://management.core.windows.net", "https://management.azure.com/", "https://management.azure.com");
    private static final List<String> OIDC_SCOPES = List.of("openid", "profile", "offline_access", "email");

    private AzureResources() {
    }

    /** The resource a scope belongs to ("https://vault.azure.net/.default" gives the Key Vault resource). */
    public static Optional<String> resourceOf(String scope) {
        String s = scope.toLowerCase(Locale.ROOT);
        if (s.startsWith("https://management.azure.com") || s.startsWith("https://management.core.windows.net")) {
            return Optional.of(ARM);
        }
        if (s.startsWith("https://vault.azure.net")) {
            return Optional.of(KEY_VAULT);
        }
        return Optional.empty();
    }

    public static boolean isOidcScope(String scope) {
        return OIDC_SCOPES.contains(scope.toLowerCase(Locale.ROOT));
    }

    public static boolean isArmAudience(String aud) {
        return aud != null && ARM_AUDIENCES.stream().anyMatch(a -> a.equalsIgnoreCase(aud));
    }

    public static boolean isKeyVaultAudience(String aud) {
        return aud != null && (aud.equalsIgnoreCase(KEY_VAULT) || aud.equalsIgnoreCase(KEY_VAULT + "/"));
    }

    /** The scope string a token response reports for a resource and delegated/app flow. */
    public static String grantedScope(String resource, boolean delegated) {
        String base = resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
        return delegated ? base + "/user_impersonation" : base + "/.default";
    }
}
