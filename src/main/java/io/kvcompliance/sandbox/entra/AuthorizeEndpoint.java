package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedUser;
import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import io.kvcompliance.sandbox.entra.GrantStore.AuthCode;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /{tenant}/oauth2/v2.0/authorize}: GET shows the sign-in + consent page, POST (the page's form)
 * signs the chosen user in, records consent and answers the redirect URI with a single-use code.
 * {@link #approve} does the same for a caller that plays the browser in-process.
 */
final class AuthorizeEndpoint {
    static final String OP_PAGE = "login:authorize";
    static final String OP_SUBMIT = "login:authorize-submit";
    private static final int MAX_LISTED_USERS = 100;

    private final SandboxContext ctx;
    private final EntraDirectory directory;

    AuthorizeEndpoint(SandboxContext ctx, EntraDirectory directory) {
        this.ctx = ctx;
        this.directory = directory;
    }

    SandboxResponse get(SandboxRequest req, TenantRef ref) {
        String correlationId = EntraError.correlationId(req);
        try {
            Map<String, String> params = TokenEndpoint.firstValues(req.queryParameters());
            AuthorizeRequest r = AuthorizeRequest.parse(params, ref, directory);
            if (r.redirectError() != null) {
                return render(r.errorResponse(r.redirectError(), correlationId), OP_PAGE);
            }
            if ("none".equals(r.prompt())) {
                return render(r.errorResponse(loginRequired(), correlationId), OP_PAGE);
            }
            List<HomedUser> users = directory.signInCandidates(ref, MAX_LISTED_USERS);
            return SandboxResponse.html(200, LoginPages.signIn(r, users, LoginPages.preselect(r.loginHint(), users)))
                    .header("Cache-Control", "no-store, no-cache").operation(OP_PAGE);
        } catch (EntraException e) {
            return errorPage(e.error(), correlationId, OP_PAGE);
        }
    }

    SandboxResponse post(SandboxRequest req, TenantRef ref) {
        String correlationId = EntraError.correlationId(req);
        Map<String, String> params = new LinkedHashMap<>(TokenEndpoint.firstValues(req.queryParameters()));
        params.putAll(TokenEndpoint.firstValues(req.form()));
        String userKey = params.remove("user");
        String consent = params.remove("consent");
        try {
            AuthorizeRequest r = AuthorizeRequest.parse(params, ref, directory);
            if (r.redirectError() != null) {
                return render(r.errorResponse(r.redirectError(), correlationId), OP_SUBMIT);
            }
            HomedUser user = directory.user(ref, userKey).orElseThrow(() -> unknownUser(userKey, ref).exception());
            return render(complete(r, user, consent, correlationId), OP_SUBMIT);
        } catch (EntraException e) {
            return errorPage(e.error(), correlationId, OP_SUBMIT);
        }
    }

    /** The in-process browser: validates like GET, signs the user in and consents like the page's POST. */
    AuthorizationResponse approve(TenantRef ref, Map<String, String> params, String upnOrNull) {
        String correlationId = java.util.UUID.randomUUID().toString();
        try {
            AuthorizeRequest r = AuthorizeRequest.parse(params, ref, directory);
            if (r.redirectError() != null) {
                return r.errorResponse(r.redirectError(), correlationId);
            }
            if ("none".equals(r.prompt())) {
                return r.errorResponse(loginRequired(), correlationId);
            }
            HomedUser user = (upnOrNull == null ? directory.defaultUser(ref) : directory.user(ref, upnOrNull))
                    .orElseThrow(() -> unknownUser(upnOrNull == null ? "(default user)" : upnOrNull, ref).exception());
            return complete(r, user, "accept", correlationId);
        } catch (EntraException e) {
            throw new IllegalArgumentException("Sign-in refused: AADSTS" + e.error().code() + ": "
                    + e.error().message());
        }
    }

    /**
     * Consent is per (user, client, resource). A user whose fixture blocks the resource cannot consent:
     * Entra shows "Need admin approval" and the app receives access_denied with AADSTS65001.
     */
    private AuthorizationResponse complete(AuthorizeRequest r, HomedUser user, String consent, String correlationId) {
        String resource = r.scopes().resource();
        String oid = user.user().objectId();
        if ("deny".equals(consent)) {
            return r.errorResponse(new EntraError(400, "access_denied", 65004,
                    "User declined to consent to access the app.", null), correlationId);
        }
        if (!directory.hasConsent(oid, r.clientId(), resource)) {
            EntraError needed = EntraError.consentRequired(r.clientId(), r.app().app().displayName());
            if (!"accept".equals(consent)) {
                return r.errorResponse(needed.withError("consent_required"), correlationId);
            }
            if (!directory.grantConsent(user.user(), r.clientId(), resource)) {
                return r.errorResponse(needed.withError("access_denied"), correlationId);
            }
        }
        long now = ctx.nowEpochSeconds();
        String code = directory.grants().issueCode(new AuthCode(user.tenant().tenantId(), r.clientId(),
                r.redirectUri(), r.codeChallenge(), r.codeChallengeMethod(), oid, r.scopes().raw(), r.nonce(),
                now + GrantStore.CODE_LIFETIME_SECONDS), now);
        return AuthorizationResponse.code(r.redirectUri(), r.responseMode(), code, r.state());
    }

    static SandboxResponse render(AuthorizationResponse response, String operation) {
        SandboxResponse out = "form_post".equals(response.responseMode())
                ? SandboxResponse.html(200, LoginPages.formPost(response))
                : SandboxResponse.redirect(response.location());
        return out.header("Cache-Control", "no-store, no-cache").operation(operation);
    }

    private SandboxResponse errorPage(EntraError error, String correlationId, String operation) {
        return SandboxResponse.html(error.status(), LoginPages.error(error, correlationId)).operation(operation);
    }

    private static EntraError loginRequired() {
        return new EntraError(400, "login_required", 50058, "A silent sign-in request was sent but no user is"
                + " signed in.", null);
    }

    static EntraError unknownUser(String user, TenantRef ref) {
        return EntraError.invalidRequest(50034, "The user account " + user + " does not exist in the " + ref.name()
                + " directory. To sign into this application, the account must be added to the directory.");
    }
}
