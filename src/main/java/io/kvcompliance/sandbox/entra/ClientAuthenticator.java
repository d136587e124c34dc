package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.EntraDirectory.HomedApp;
import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import io.kvcompliance.sandbox.http.SandboxRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Authenticates the client at the token endpoint: confidential apps prove themselves with a client
 * secret or a certificate-signed assertion, public clients must send neither (AADSTS700025).
 */
final class ClientAuthenticator {
    private final SandboxContext ctx;
    private final EntraDirectory directory;

    ClientAuthenticator(SandboxContext ctx, EntraDirectory directory) {
        this.ctx = ctx;
        this.directory = directory;
    }

    static boolean sentCredentials(Map<String, String> form) {
        return form.get("client_secret") != null || form.get("client_assertion") != null;
    }

    /**
     * Throws unless the client is acceptable: a public client without credentials, or a confidential
     * client with a valid secret or assertion. Entra demands credentials from confidential clients on
     * every grant (AADSTS7000218).
     */
    void authenticate(HomedApp app, Map<String, String> form, SandboxRequest req, TenantRef ref) {
        boolean sent = sentCredentials(form);
        if (app.app().publicClient()) {
            if (sent) {
                throw EntraError.invalidClient(700025, "Client is public so neither 'client_assertion' nor"
                        + " 'client_secret' should be presented.").exception();
            }
            return;
        }
        if (!sent) {
            throw EntraError.invalidClient(7000218, "The request body must contain the following parameter:"
                    + " 'client_assertion' or 'client_secret'.").exception();
        }
        String secret = form.get("client_secret");
        if (secret != null) {
            checkSecret(app, secret);
            return;
        }
        if (!ClientAssertionVerifier.ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
            throw EntraError.invalidRequest(50027, "The client_assertion_type must be "
                    + ClientAssertionVerifier.ASSERTION_TYPE + ".").exception();
        }
        ClientAssertionVerifier.verify(form.get("client_assertion"), app.app().appId(),
                directory.certificates(app.app()), audiences(req, ref, app), ctx.nowEpochSeconds());
    }

    private static void checkSecret(HomedApp app, String secret) {
        byte[] given = secret.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String s : app.app().clientSecrets()) {
            ok |= MessageDigest.isEqual(given, s.getBytes(StandardCharsets.UTF_8));
        }
        if (!ok) {
            throw EntraError.invalidClient(7000215, "Invalid client secret provided. Ensure the secret being sent"
                    + " in the request is the client secret value, not the client secret ID, for a secret added to"
                    + " app '" + app.app().appId() + "'.").exception();
        }
    }

    /**
     * Entra accepts the token endpoint URL as the assertion audience. msal4j uses its authority's token
     * endpoint, i.e. the tenant as the client spelled it, on the port-less sandbox host; the port-carrying
     * Host header and the GUID/domain spellings are accepted too.
     */
    private Set<String> audiences(SandboxRequest req, TenantRef ref, HomedApp app) {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(ctx.settings().loginHost());
        hosts.add(req.hostHeader());
        Set<String> tenants = new LinkedHashSet<>();
        tenants.add(ref.segment());
        tenants.add(app.tenant().tenantId());
        if (app.tenant().defaultDomain() != null) {
            tenants.add(app.tenant().defaultDomain());
        }
        Set<String> out = new LinkedHashSet<>();
        for (String host : hosts) {
            for (String tenant : tenants) {
                out.add("https://" + host + "/" + tenant + "/oauth2/v2.0/token");
                out.add("https://" + host + "/" + tenant + "/oauth2/token");
            }
        }
        return out;
    }
}
