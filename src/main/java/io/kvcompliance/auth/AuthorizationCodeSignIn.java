package io.kvcompliance.auth;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.Prompt;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The connect wizard's authorization code flow with PKCE and state: a loopback redirect URI, the
 * authorize URL handed to a {@link Browser}, the code redeemed by msal4j into the protected cache.
 */
public final class AuthorizationCodeSignIn {
    /** Whoever takes the user to the authorize URL: the system browser, or an in-process stand-in. */
    @FunctionalInterface
    public interface Browser {
        void open(URI authorizeUrl) throws Exception;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final DelegatedClient client;
    private final Browser browser;
    private final Duration wait;

    /** @param wait how long to wait for the browser's answer before giving up */
    public AuthorizationCodeSignIn(DelegatedClient client, Browser browser, Duration wait) {
        this.client = client;
        this.browser = browser;
        this.wait = wait;
    }

    /** Signs in for Resource Manager, then makes sure the Key Vault data plane is consented. */
    public SignInResult signIn() {
        client.store().dropIfUnreadable();
        Connection connection = round(client.scopes(Audience.RESOURCE_MANAGER), null);
        return SignInResult.withKeyVaultConsent(client, connection, c -> {
            try {
                round(client.scopes(Audience.KEY_VAULT), c);
                return null;
            } catch (SignInException e) {
                return e.getMessage();
            }
        });
    }

    /** One browser round; {@code expected} is the connected account a consent round must match. */
    private Connection round(Set<String> scopes, Connection expected) {
        String verifier = randomUrlSafe(32);
        String state = UUID.randomUUID().toString();
        Connection[] outcome = new Connection[1];
        URI[] redirectUri = new URI[1];
        try (LoopbackCallback callback = new LoopbackCallback(state,
                fields -> page(outcome, redeem(fields, scopes, verifier, redirectUri[0]), expected))) {
            URI redirect = callback.redirectUri();
            redirectUri[0] = redirect;
            AuthorizationRequestUrlParameters.Builder url = AuthorizationRequestUrlParameters
                    .builder(redirect.toString(), scopes).state(state).codeChallenge(s256(verifier))
                    .codeChallengeMethod("S256").prompt(expected == null ? Prompt.SELECT_ACCOUNT : Prompt.CONSENT);
            if (expected != null) {
                url.loginHint(expected.username());
            }
            browser.open(client.app().getAuthorizationRequestUrl(url.build()).toURI());
            if (!callback.await(wait)) {
                throw new SignInException("No answer from the browser within " + wait.toSeconds() + " s. Run connect"
                        + " again and finish the sign-in in time (or use --device-code).", "timeout", false, null);
            }
            return outcome[0];
        } catch (SignInException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException("sign-in interrupted", null, false, null);
        } catch (Exception e) {
            throw new SignInException("Sign-in failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    null, false, null);
        }
    }

    private IAuthenticationResult redeem(Map<String, String> fields, Set<String> scopes, String verifier,
                                         URI redirectUri) {
        if (fields.containsKey("error")) {
            String description = fields.getOrDefault("error_description", "");
            int cut = description.indexOf('\n');
            throw new SignInException("Entra ID refused the sign-in (" + fields.get("error") + "): "
                    + (cut < 0 ? description : description.substring(0, cut)).trim(), fields.get("error"), false, null);
        }
        try {
            return client.await(client.app().acquireToken(AuthorizationCodeParameters
                    .builder(fields.get("code"), redirectUri)
                    .scopes(scopes).codeVerifier(verifier).build()));
        } catch (MsalException e) {
            throw new SignInException("Redeeming the sign-in code failed (" + e.errorCode() + "): " + e.getMessage(),
                    e.errorCode(), false, null);
        }
    }

    private String page(Connection[] outcome, IAuthenticationResult result, Connection expected) {
        if (expected != null) {
            if (!result.account().homeAccountId().equalsIgnoreCase(expected.homeAccountId())) {
                throw new SignInException("Key Vault consent was given as " + result.account().username()
                        + ", but the connection is " + expected.username() + ": sign in as the same user.",
                        "account_mismatch", false, null);
            }
            outcome[0] = expected;
            return SignInPages.connected(expected, "Key Vault consent recorded. You can close this tab.");
        }
        outcome[0] = client.connected(result);
        return SignInPages.connected(outcome[0], "You can close this tab and return to the terminal.");
    }

    static String randomUrlSafe(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** RFC 7636 S256: base64url(SHA-256(verifier)). */
    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
