package io.kvcompliance.auth;

import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code connect --device-code}, for hosts without a browser: shows Entra's message (URL and code),
 * lets msal4j poll while the answer is authorization_pending, and stores the result like connect.
 */
public final class DeviceCodeSignIn {
    private final DelegatedClient client;
    private final Consumer<String> show;
    private final Duration wait;

    /** @param show receives Entra's one-line instruction (URL and code) for the user */
    public DeviceCodeSignIn(DelegatedClient client, Consumer<String> show, Duration wait) {
        this.client = client;
        this.show = show;
        this.wait = wait;
    }

    public SignInResult signIn() {
        client.store().dropIfUnreadable();
        Connection connection = client.connected(round(client.scopes(Audience.RESOURCE_MANAGER)));
        return SignInResult.withKeyVaultConsent(client, connection, c -> {
            try {
                show.accept("Key Vault data plane (certificates) needs consent once more:");
                IAuthenticationResult vault = round(client.scopes(Audience.KEY_VAULT));
                return vault.account().homeAccountId().equalsIgnoreCase(c.homeAccountId()) ? null
                        : "Key Vault consent was given as " + vault.account().username() + ", not " + c.username();
            } catch (SignInException e) {
                return e.getMessage();
            }
        });
    }

    private IAuthenticationResult round(Set<String> scopes) {
        Consumer<DeviceCode> onCode = code -> show.accept(code.message());
        try {
            return client.app().acquireToken(DeviceCodeFlowParameters.builder(scopes, onCode).build())
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SignInException("The device code was not used within " + wait.toSeconds() + " s. Run connect"
                    + " --device-code again.", "timeout", false, null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MsalException m) {
                throw new SignInException("Device code sign-in failed (" + m.errorCode() + "): " + m.getMessage(),
                        m.errorCode(), false, null);
            }
            throw new SignInException("Device code sign-in failed: " + e.getCause(), null, false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException("sign-in interrupted", null, false, null);
        }
    }
}
