package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedApp;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedUser;
import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import io.kvcompliance.sandbox.entra.DeviceCodeStore.DeviceGrant;
import io.kvcompliance.sandbox.entra.DeviceCodeStore.DeviceStatus;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The device code flow (ENTRADOCS v2-oauth2-device-code.md): {@code POST /{tenant}/oauth2/v2.0/devicecode}
 * hands out a device code and an 8-character user code; the token endpoint answers
 * {@code authorization_pending} (HTTP 400, AADSTS70016) until the user approves or declines on
 * {@code /device}, and {@code expired_token} after the lifetime.
 */
final class DeviceCodeEndpoint {
    static final String OPERATION = "login:devicecode";

    private final SandboxContext ctx;
    private final EntraDirectory directory;

    DeviceCodeEndpoint(SandboxContext ctx, EntraDirectory directory) {
        this.ctx = ctx;
        this.directory = directory;
    }

    SandboxResponse issue(SandboxRequest req, TenantRef ref) {
        try {
            if (!req.method().equals("POST")) {
                throw new EntraError(405, "invalid_request", 900561, "The endpoint only accepts POST requests.", null)
                        .exception();
            }
            Map<String, String> form = TokenEndpoint.firstValues(req.form());
            String clientId = TokenEndpoint.require(form, "client_id");
            HomedApp app = directory.application(ref, clientId)
                    .orElseThrow(() -> EntraError.unknownApplication(clientId, ref.name()).exception());
            ScopeSet scopes = ScopeSet.parse(TokenEndpoint.require(form, "scope"));
            if (!scopes.hasResource()) {
                throw EntraError.invalidScope(70011, "The provided value for the input parameter 'scope' is not"
                        + " valid. The sandbox issues tokens for " + AzureResources.ARM + " and "
                        + AzureResources.KEY_VAULT + " only.").exception();
            }
            int lifetime = ctx.settings().deviceCodeLifetimeSeconds();
            String[] codes = directory.grants().devices().issue(ref.segment(), app.app().appId(), scopes.raw(),
                    ctx.nowEpochSeconds() + lifetime);
            String uri = verificationUri();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user_code", codes[1]);
            body.put("device_code", codes[0]);
            body.put("verification_uri", uri);
            body.put("expires_in", lifetime);
            body.put("interval", ctx.settings().deviceCodeIntervalSeconds());
            body.put("message", "To sign in, use a web browser to open the page " + uri + " and enter the code "
                    + codes[1] + " to authenticate.");
            return EntraError.noStore(SandboxResponse.json(200, body), EntraError.correlationId(req))
                    .operation(OPERATION);
        } catch (EntraException e) {
            return e.error().toResponse(req, ctx.settings().loginHost(), OPERATION);
        }
    }

    /** Port-less on purpose: the address a person types, reached through the same host mapping. */
    String verificationUri() {
        return "https://" + ctx.settings().loginHost() + "/device";
    }

    /** The token endpoint's {@code urn:ietf:params:oauth:grant-type:device_code} grant. */
    SandboxResponse poll(SandboxRequest req, TenantRef ref, Map<String, String> form, String clientId,
                         ClientAuthenticator clients, TokenIssuer issuer) {
        String deviceCode = TokenEndpoint.require(form, "device_code");
        HomedApp app = directory.application(ref, clientId)
                .orElseThrow(() -> EntraError.unknownApplication(clientId, ref.name()).exception());
        clients.authenticate(app, form, req, ref);
        DeviceGrant g = directory.grants().devices().byDeviceCode(deviceCode)
                .filter(d -> d.clientId().equalsIgnoreCase(clientId))
                .orElseThrow(() -> pollError("bad_verification_code", 70000,
                        "The provided value for the input parameter 'device_code' is not valid."));
        if (g.expiresAt() <= ctx.nowEpochSeconds()) {
            throw pollError("expired_token", 70020, "The provided value for the input parameter 'device_code' is"
                    + " not valid. This device code has expired.");
        }
        switch (g.status()) {
            case PENDING -> throw pollError("authorization_pending", 70016, "OAuth 2.0 device flow error."
                    + " Authorization is pending. Continue polling.");
            // Entra's device flow doc lists authorization_declined without an AADSTS text; 70000 is its grant family
            case DECLINED -> throw pollError("authorization_declined", 70000, "The end user denied the authorization"
                    + " request.");
            case CONSENT_BLOCKED -> throw EntraError.consentRequired(clientId, app.app().displayName()).exception();
            default -> {
            }
        }
        directory.grants().devices().consume(deviceCode);
        HomedUser user = directory.userById(g.userTenantId(), g.userOid())
                .orElseThrow(() -> EntraError.invalidGrant(70000, "Provided grant is invalid or malformed.")
                        .exception());
        ScopeSet scopes = ScopeSet.parse(g.scope());
        return TokenIssuer.respond(issuer.delegated(user, clientId, scopes, scopes.offlineAccess(),
                "1".equals(form.get("client_info")), null), req);
    }

    private static EntraException pollError(String error, int code, String message) {
        return new EntraError(400, error, code, message, null).exception();
    }

    /** The user approves on the device page; consent is recorded unless the fixture blocks it. */
    void approve(String userCode, String upnOrNull) {
        DeviceGrant g = pending(userCode);
        TenantRef ref = directory.tenantRef(g.tenantSegment()).orElseThrow();
        Optional<HomedUser> who = upnOrNull == null || upnOrNull.isBlank()
                ? directory.defaultUser(ref) : directory.user(ref, upnOrNull);
        HomedUser user = who.orElseThrow(() -> new IllegalArgumentException(AuthorizeEndpoint
                .unknownUser(upnOrNull == null ? "(default user)" : upnOrNull, ref).message()));
        String resource = ScopeSet.parse(g.scope()).resource();
        boolean consented = directory.hasConsent(user.user().objectId(), g.clientId(), resource)
                || directory.grantConsent(user.user(), g.clientId(), resource);
        directory.grants().devices().update(g.userCode(), d -> d.decided(
                consented ? DeviceStatus.APPROVED : DeviceStatus.CONSENT_BLOCKED, user.tenant().tenantId(),
                user.user().objectId()));
    }

    void decline(String userCode) {
        DeviceGrant g = pending(userCode);
        directory.grants().devices().update(g.userCode(), d -> d.decided(DeviceStatus.DECLINED, null, null));
    }

    private DeviceGrant pending(String userCode) {
        return directory.grants().devices().byUserCode(userCode)
                .filter(g -> g.status() == DeviceStatus.PENDING && g.expiresAt() > ctx.nowEpochSeconds())
                .orElseThrow(() -> new IllegalArgumentException("We don't recognize this code. The code is unknown,"
                        + " expired or already used."));
    }

    Optional<String> pendingUserCode() {
        return directory.grants().devices().latestPending(ctx.nowEpochSeconds());
    }
}
