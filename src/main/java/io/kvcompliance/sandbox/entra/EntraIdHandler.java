package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's Microsoft Entra ID (v2 endpoints) for every tenant of the fixture, addressed by GUID,
 * default domain, {@code organizations} or {@code common}. Dispatches paths to the endpoint classes and
 * offers the in-process API that tests and the {@code sandbox} command use to act as the user.
 * Responses count under login:openid-configuration, login:jwks, login:instance-discovery,
 * login:authorize (GET), login:authorize-submit (POST), login:token (every grant, errors included),
 * login:devicecode, login:device (GET /device), login:device-submit and login:not-found.
 */
public final class EntraIdHandler {
    private final SandboxContext ctx;
    private final EntraDirectory directory;
    private final OpenIdMetadata metadata;
    private final AuthorizeEndpoint authorize;
    private final DeviceCodeEndpoint devices;
    private final TokenEndpoint token;
    private final DevicePage devicePage;

    public EntraIdHandler(SandboxContext ctx) {
        this.ctx = ctx;
        this.directory = new EntraDirectory(ctx.store());
        this.metadata = new OpenIdMetadata(ctx);
        this.authorize = new AuthorizeEndpoint(ctx, directory);
        this.devices = new DeviceCodeEndpoint(ctx, directory);
        this.token = new TokenEndpoint(ctx, directory, new TokenIssuer(ctx, directory), devices);
        this.devicePage = new DevicePage(directory, devices);
    }

    public EntraDirectory directory() {
        return directory;
    }

    public SandboxResponse handle(SandboxRequest req) {
        String path = req.path();
        if (path.equals("/device")) {
            return devicePage.handle(req);
        }
        if (path.equalsIgnoreCase("/common/discovery/instance")) {
            return metadata.instanceDiscovery(req);
        }
        String[] parts = path.split("/", 3);
        if (parts.length < 3) {
            return notFound();
        }
        String rest = parts[2].toLowerCase(Locale.ROOT);
        Optional<TenantRef> ref = directory.tenantRef(parts[1]);
        if (ref.isEmpty()) {
            return unknownTenant(req, parts[1], rest);
        }
        return switch (rest) {
            case "v2.0/.well-known/openid-configuration" -> metadata.configuration(ref.get());
            case "discovery/v2.0/keys" -> metadata.keys();
            case "oauth2/v2.0/authorize" -> req.method().equals("POST")
                    ? authorize.post(req, ref.get()) : authorize.get(req, ref.get());
            case "oauth2/v2.0/token" -> token.handle(req, ref.get());
            case "oauth2/v2.0/devicecode" -> devices.issue(req, ref.get());
            default -> notFound();
        };
    }

    private SandboxResponse unknownTenant(SandboxRequest req, String tenant, String rest) {
        EntraError error = EntraError.unknownTenant(tenant);
        if (rest.equals("oauth2/v2.0/authorize")) {
            return SandboxResponse.html(400, LoginPages.error(error, EntraError.correlationId(req)))
                    .operation(AuthorizeEndpoint.OP_PAGE);
        }
        String op = switch (rest) {
            case "oauth2/v2.0/token" -> TokenEndpoint.OPERATION;
            case "oauth2/v2.0/devicecode" -> DeviceCodeEndpoint.OPERATION;
            case "v2.0/.well-known/openid-configuration" -> OpenIdMetadata.OP_CONFIG;
            default -> "login:not-found";
        };
        return error.toResponse(req, ctx.settings().loginHost(), op);
    }

    private static SandboxResponse notFound() {
        return SandboxResponse.text(404, "The sandbox's Entra ID does not serve this path.")
                .operation("login:not-found");
    }

    /**
     * Does what a user in a browser does with an authorize URL: validates it like GET /authorize, signs
     * in the given user (UPN; null for the fixture's default user) and consents like the page's POST.
     * Returns what the browser would deliver to the redirect URI (code + state, or an error).
     */
    public AuthorizationResponse approveSignIn(String authorizeUrl, String userPrincipalNameOrNullForDefault) {
        URI uri = URI.create(authorizeUrl);
        String[] parts = uri.getRawPath() == null ? new String[0] : uri.getRawPath().split("/");
        if (parts.length != 5 || !uri.getRawPath().toLowerCase(Locale.ROOT).endsWith("/oauth2/v2.0/authorize")) {
            throw new IllegalArgumentException("Not an authorize URL of the sandbox: " + uri.getScheme() + "://"
                    + uri.getHost() + uri.getRawPath());
        }
        TenantRef ref = directory.tenantRef(parts[1]).orElseThrow(() ->
                new IllegalArgumentException("AADSTS90002: Tenant '" + parts[1] + "' not found."));
        Map<String, String> params = TokenEndpoint.firstValues(SandboxRequest.parseForm(uri.getRawQuery()));
        return authorize.approve(ref, params, userPrincipalNameOrNullForDefault);
    }

    /** The user enters the code on /device and approves as {@code upnOrNull} (null: the default user). */
    public void approveDeviceCode(String userCode, String upnOrNull) {
        devices.approve(userCode, upnOrNull);
    }

    public void declineDeviceCode(String userCode) {
        devices.decline(userCode);
    }

    /** The user code of the most recent device code nobody has approved yet, for in-process auto-approval. */
    public Optional<String> pendingUserCode() {
        return devices.pendingUserCode();
    }

    /**
     * Revokes the user's refresh tokens like Entra's revokeSignInSessions: every refresh token issued
     * before now answers invalid_grant (AADSTS50173) from the next use on. Returns how many were live.
     */
    public int revokeRefreshTokens(String principal) {
        String oid = directory.user(principal).map(u -> u.user().objectId()).orElse(principal);
        return directory.grants().revokeUser(oid, System.currentTimeMillis());
    }

    /** Adds a certificate to an app registration (what "Certificates & secrets > Upload" does). */
    public void registerClientCertificate(String appId, X509Certificate cert) {
        directory.registerClientCertificate(appId, cert);
    }
}
