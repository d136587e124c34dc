package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.entra.EntraDirectory.HomedApp;
import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code /authorize} request. Validation follows Entra's order: problems with the client or
 * the redirect URI are shown on an error page (a redirect there would hand the answer to an unverified
 * URI, ENTRADOCS v2-oauth2-auth-code-flow.md "Error response"); later problems travel back to the
 * redirect URI as {@code error}/{@code error_description}, carried here in {@code redirectError}.
 */
record AuthorizeRequest(TenantRef ref, HomedApp app, String redirectUri, String responseMode, String state,
                        ScopeSet scopes, String codeChallenge, String codeChallengeMethod, String loginHint,
                        String prompt, String nonce, Map<String, String> params, EntraError redirectError) {
    private static final Set<String> RESPONSE_MODES = Set.of("query", "fragment", "form_post");

    /** Throws {@link EntraException} for errors that must be shown on a page instead of redirected. */
    static AuthorizeRequest parse(Map<String, String> params, TenantRef ref, EntraDirectory directory) {
        String clientId = params.get("client_id");
        if (clientId == null || clientId.isBlank()) {
            throw EntraError.missingParameter("client_id").exception();
        }
        HomedApp app = directory.application(ref, clientId)
                .orElseThrow(() -> EntraError.unknownApplication(clientId, ref.name()).exception());
        String redirectUri = params.get("redirect_uri");
        if (!RedirectUris.matches(app.app(), redirectUri)) {
            throw EntraError.invalidRequest(50011, "The redirect URI '" + redirectUri + "' specified in the request"
                    + " does not match the redirect URIs configured for the application '" + clientId + "'. Make sure"
                    + " the redirect URI sent in the request matches one added to your application in the Azure"
                    + " portal.").exception();
        }
        String mode = params.getOrDefault("response_mode", "query");
        String state = params.get("state");
        AuthorizeRequest base = new AuthorizeRequest(ref, app, redirectUri,
                RESPONSE_MODES.contains(mode) ? mode : "query", state, null, params.get("code_challenge"),
                params.get("code_challenge_method"), params.get("login_hint"), params.get("prompt"),
                params.get("nonce"), Map.copyOf(params), null);
        try {
            return base.withScopes(validateRest(params, mode));
        } catch (EntraException e) {
            return base.failed(e.error());
        }
    }

    private static ScopeSet validateRest(Map<String, String> params, String mode) {
        if (!RESPONSE_MODES.contains(mode)) {
            throw EntraError.invalidRequest(900144, "The provided value for the input parameter 'response_mode' is"
                    + " not valid: '" + mode + "'.").exception();
        }
        if (!"code".equals(params.get("response_type"))) {
            throw new EntraError(400, "unsupported_response_type", 700054, "response_type '"
                    + params.get("response_type") + "' is not enabled for the application.", null).exception();
        }
        String scope = params.get("scope");
        if (scope == null || scope.isBlank()) {
            throw EntraError.missingParameter("scope").exception();
        }
        ScopeSet scopes = ScopeSet.parse(scope);
        if (!scopes.hasResource()) {
            throw EntraError.invalidScope(70011, "The provided value for the input parameter 'scope' is not valid."
                    + " The sandbox issues tokens for " + AzureResources.ARM + " and " + AzureResources.KEY_VAULT
                    + " only; add one of their scopes.").exception();
        }
        validatePkce(params.get("code_challenge"), params.get("code_challenge_method"));
        return scopes;
    }

    /** RFC 7636 §4.2/§4.3: a 43–128 character challenge, method S256 or plain (plain when absent). */
    private static void validatePkce(String challenge, String method) {
        if (method != null && !method.equals("S256") && !method.equals("plain")) {
            throw EntraError.invalidRequest(50149, "Invalid Code_Challenge_method parameter.").exception();
        }
        if (challenge != null && (challenge.length() < 43 || challenge.length() > 128)) {
            throw EntraError.invalidRequest(501491, "Invalid size of Code_Challenge parameter.").exception();
        }
    }

    private AuthorizeRequest withScopes(ScopeSet s) {
        return new AuthorizeRequest(ref, app, redirectUri, responseMode, state, s, codeChallenge,
                codeChallengeMethod == null && codeChallenge != null ? "plain" : codeChallengeMethod, loginHint,
                prompt, nonce, params, null);
    }

    AuthorizeRequest failed(EntraError error) {
        return new AuthorizeRequest(ref, app, redirectUri, responseMode, state, scopes, codeChallenge,
                codeChallengeMethod, loginHint, prompt, nonce, params, error);
    }

    String clientId() {
        return app.app().appId();
    }

    /** The redirect answer carrying an error, as Entra sends it: error, error_description, state. */
    AuthorizationResponse errorResponse(EntraError error, String correlationId) {
        return AuthorizationResponse.error(redirectUri, responseMode, error.error(),
                error.description(java.util.UUID.randomUUID().toString(), correlationId, java.time.Instant.now()),
                state);
    }
}
