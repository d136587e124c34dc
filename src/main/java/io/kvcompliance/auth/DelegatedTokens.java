package io.kvcompliance.auth;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.SilentParameters;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Delegated tokens of the connected user, acquired silently from the protected cache: msal4j serves
 * a cached token and refreshes it (refresh token grant) when it nears expiry, or once after a 401.
 * A dead grant means reconnect (exit 4); missing Key Vault consent only costs the certificates.
 */
public final class DelegatedTokens implements AccessTokens {
    /** The one line a user reads when the grant is gone. */
    public static final String RECONNECT = "run `java -jar target/keyvault-compliance.jar connect`";

    private final DelegatedClient client;
    private final Set<Audience> rejected = EnumSet.noneOf(Audience.class);

    public DelegatedTokens(DelegatedClient client) {
        this.client = client;
    }

    @Override
    public String accessToken(Audience audience) {
        Connection connection = connection();
        IAccount account = client.account(connection).orElseThrow(() -> new SignInException("The token cache "
                + client.store().file() + " has no account for " + connection.describe() + ". Fix: " + RECONNECT
                + ".", "no_account", true, null));
        boolean force;
        synchronized (rejected) {
            force = rejected.remove(audience);
        }
        try {
            return client.await(client.app().acquireTokenSilently(SilentParameters
                    .builder(client.scopes(audience), account).forceRefresh(force).build())).accessToken();
        } catch (SignInException e) {
            throw e;
        } catch (MsalException e) {
            throw failure(audience, connection, e);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("the authority URL is not valid: check kv.auth.tenant-id", e);
        }
    }

    private Connection connection() {
        return client.store().connection().orElseThrow(() -> new SignInException("Not connected: the token cache "
                + client.store().file() + " holds no sign-in. Fix: " + RECONNECT + " (or --device-code on a host"
                + " without a browser).", "not_connected", true, null));
    }

    private SignInException failure(Audience audience, Connection connection, MsalException e) {
        String code = e.errorCode() == null ? "" : e.errorCode();
        String text = SignInException.firstLine(e.getMessage());
        if (consentMissing(code, text)) {
            // only the data plane is asked for separately; a missing grant there is a coverage finding
            return new SignInException("No consent for the Key Vault data plane (" + audience + ") for "
                    + connection.describe() + ": " + text + " Certificates are reported CONSENT_REQUIRED; an admin"
                    + " can grant consent, then " + RECONNECT + ".", "consent_required", false, null);
        }
        if (e instanceof MsalInteractionRequiredException || code.equals("invalid_grant")) {
            return new SignInException("Sign-in of " + connection.describe() + " must be renewed (" + code + "): "
                    + text + " Fix: " + RECONNECT + ".", code, true, null);
        }
        if (e instanceof MsalServiceException) {
            return new SignInException("Delegated sign-in of " + connection.describe() + " failed (" + code + "): "
                    + text, code, false, null);
        }
        // cache_miss and other client-side failures: nothing usable in the cache for this account
        return new SignInException("No usable token for " + connection.describe() + " (" + code + "): " + text
                + " Fix: " + RECONNECT + ".", code, true, null);
    }

    static boolean consentMissing(String code, String message) {
        return code.toLowerCase(Locale.ROOT).equals("consent_required")
                || (message != null && message.contains("AADSTS65001"));
    }

    @Override
    public void invalidate(Audience audience) {
        synchronized (rejected) {
            rejected.add(audience);
        }
    }

    @Override
    public String describe() {
        return client.store().connection().map(Connection::describe).orElse("nobody (not connected)");
    }

    @Override
    public void close() {
        client.close();
    }
}
