package io.kvcompliance.sandbox.entra;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed {@code scope} parameter: the OpenID scopes apart, and the scopes of the one resource a v2
 * request may name. Entra refuses scopes of two resources in one request (AADSTS28000) because one
 * access token has one audience.
 */
public record ScopeSet(String raw, List<String> resourceScopes, String resource, boolean openid,
                       boolean offlineAccess) {

    /** Parses and validates; {@code resource} is null when only OpenID scopes were asked for. */
    public static ScopeSet parse(String raw) {
        String text = raw == null ? "" : raw.trim();
        List<String> resourceScopes = new ArrayList<>();
        Set<String> resources = new LinkedHashSet<>();
        boolean openid = false;
        boolean offline = false;
        for (String scope : text.split("\\s+")) {
            if (scope.isEmpty()) {
                continue;
            }
            if (AzureResources.isOidcScope(scope)) {
                openid |= scope.equalsIgnoreCase("openid");
                offline |= scope.equalsIgnoreCase("offline_access");
                continue;
            }
            String resource = AzureResources.resourceOf(scope).orElseThrow(() -> invalid(scope).exception());
            if (!isKnownPermission(scope)) {
                throw invalid(scope).exception();
            }
            resources.add(resource);
            resourceScopes.add(scope);
        }
        if (resources.size() > 1) {
            throw EntraError.invalidScope(28000, "Provided value for the input parameter scope is not valid because"
                    + " it contains more than one resource. Scope " + text + " is not valid.").exception();
        }
        return new ScopeSet(text, List.copyOf(resourceScopes), resources.stream().findFirst().orElse(null), openid,
                offline);
    }

    private static EntraError invalid(String scope) {
        return EntraError.invalidScope(70011, "The provided value for the input parameter 'scope' is not valid."
                + " The scope '" + scope + "' does not exist. The sandbox serves "
                + AzureResources.ARM + " and " + AzureResources.KEY_VAULT + " only.");
    }

    /** Azure Resource Manager and Key Vault publish one delegated permission each: user_impersonation. */
    private static boolean isKnownPermission(String scope) {
        String s = scope.toLowerCase(Locale.ROOT);
        return s.endsWith("/.default") || s.endsWith("/user_impersonation");
    }

    public boolean hasResource() {
        return resource != null;
    }

    /** Client credentials accept only {@code <resource>/.default} (AADSTS1002012). */
    public void requireDefaultScope() {
        if (resource == null
                || resourceScopes.stream().anyMatch(s -> !s.toLowerCase(Locale.ROOT).endsWith("/.default"))) {
            throw EntraError.invalidScope(1002012, "The provided value for scope " + raw + " is not valid. Client"
                    + " credential flows must have a scope value with /.default suffixed to the resource identifier"
                    + " (application ID URI).").exception();
        }
    }

    /**
     * The scope string of a delegated token response: the permission granted plus any {@code .default}
     * form exactly as requested, as Entra answers ("https://vault.azure.net/user_impersonation
     * https://vault.azure.net/.default"). msal4j files the token in its cache under these scopes and
     * matches later look-ups against them, so a requested scope must appear in the answer.
     */
    public String grantedDelegatedScope() {
        Set<String> granted = new LinkedHashSet<>();
        granted.add(AzureResources.grantedScope(resource, true));
        for (String s : resourceScopes) {
            if (granted.stream().noneMatch(g -> g.equalsIgnoreCase(s))) {
                granted.add(s);
            }
        }
        return String.join(" ", granted);
    }
}
