package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedApp;
import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: reads the form, finds the client, and hands the grant to
 * the code that redeems it. Client credentials are handled here; user grants live in
 * {@link AuthorizationCodeGrant} and {@link RefreshTokenGrant}, device code polling in
 * {@link DeviceCodeEndpoint}.
 */
final class TokenEndpoint {
    static final String OPERATION = "login:token";
    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** msal4j 1.26.1 sends the short form ADAL used; Entra accepts both spellings. */
    static final String DEVICE_CODE_SHORT = "device_code";

    private final SandboxContext ctx;
    private final EntraDirectory directory;
    private final ClientAuthenticator clients;
    private final TokenIssuer issuer;
    private final AuthorizationCodeGrant codes;
    private final RefreshTokenGrant refreshTokens;
    private final DeviceCodeEndpoint devices;

    TokenEndpoint(SandboxContext ctx, EntraDirectory directory, TokenIssuer issuer, DeviceCodeEndpoint devices) {
        this.ctx = ctx;
        this.directory = directory;
        this.clients = new ClientAuthenticator(ctx, directory);
        this.issuer = issuer;
        this.codes = new AuthorizationCodeGrant(ctx, directory, clients, issuer);
        this.refreshTokens = new RefreshTokenGrant(ctx, directory, clients, issuer);
        this.devices = devices;
    }

    SandboxResponse handle(SandboxRequest req, TenantRef ref) {
        try {
            if (!req.method().equals("POST")) {
                throw new EntraError(405, "invalid_request", 900561, "The endpoint only accepts POST requests."
                        + " Received a " + req.method() + " request.", null).exception();
            }
            Map<String, String> form = firstValues(req.form());
            String grantType = require(form, "grant_type");
            String clientId = require(form, "client_id");
            return switch (grantType) {
                case "client_credentials" -> clientCredentials(req, ref, form, clientId);
                case "authorization_code" -> codes.redeem(req, ref, form, clientId);
                case "refresh_token" -> refreshTokens.redeem(req, ref, form, clientId);
                case DEVICE_CODE_GRANT, DEVICE_CODE_SHORT -> devices.poll(req, ref, form, clientId, clients, issuer);
                default -> throw new EntraError(400, "unsupported_grant_type", 70003, "The app requested an"
                        + " unsupported grant type '" + grantType + "'.", null).exception();
            };
        } catch (EntraException e) {
            return e.error().toResponse(req, ctx.settings().loginHost(), OPERATION);
        }
    }

    /** App-only tokens: the service principal of the addressed tenant, scope {@code <resource>/.default}. */
    private SandboxResponse clientCredentials(SandboxRequest req, TenantRef ref, Map<String, String> form,
                                              String clientId) {
        if (ref.isMultiTenant()) {
            throw EntraError.invalidRequest(50059, "No tenant-identifying information found in either the request"
                    + " or implied by any provided credentials.").exception();
        }
        HomedApp app = directory.applicationIn(ref.tenant(), clientId)
                .orElseThrow(() -> EntraError.unknownApplication(clientId, ref.name()).exception());
        if (app.app().publicClient()) {
            // a public client cannot hold a credential, so it has no app-only identity to get a token for
            String text = ClientAuthenticator.sentCredentials(form)
                    ? "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."
                    : "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.";
            throw EntraError.unauthorizedClient(ClientAuthenticator.sentCredentials(form) ? 700025 : 7000218, text)
                    .exception();
        }
        ScopeSet scopes = ScopeSet.parse(require(form, "scope"));
        scopes.requireDefaultScope();
        clients.authenticate(app, form, req, ref);
        return TokenIssuer.respond(issuer.appOnly(app, scopes.resource()), req);
    }

    static String require(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw EntraError.missingParameter(name).exception();
        }
        return value;
    }

    static Map<String, String> firstValues(Map<String, List<String>> multi) {
        Map<String, String> out = new LinkedHashMap<>();
        multi.forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
        return out;
    }
}
