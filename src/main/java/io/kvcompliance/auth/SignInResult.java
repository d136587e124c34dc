package io.kvcompliance.auth;

import java.util.function.Function;

/**
 * What {@code connect} achieved: the connection, and whether the Key Vault data plane (certificates)
 * can be read with it; when not, {@code keyVaultNote} says why in one line.
 */
public record SignInResult(Connection connection, boolean keyVaultConsented, String keyVaultNote) {

    /**
     * Checks the data-plane token silently and, only when consent is missing, runs one more sign-in
     * round for the Key Vault scope: the authorize and token requests take one resource each.
     */
    static SignInResult withKeyVaultConsent(DelegatedClient client, Connection connection,
                                            Function<Connection, String> consentRound) {
        DelegatedTokens tokens = new DelegatedTokens(client);
        try {
            tokens.accessToken(Audience.KEY_VAULT);
            return new SignInResult(connection, true, null);
        } catch (SignInException e) {
            if (!"consent_required".equals(e.errorCode())) {
                return new SignInResult(connection, false, e.getMessage());
            }
        }
        String problem = consentRound.apply(connection);
        if (problem != null) {
            return new SignInResult(connection, false, problem);
        }
        try {
            tokens.accessToken(Audience.KEY_VAULT);
            return new SignInResult(connection, true, null);
        } catch (SignInException e) {
            return new SignInResult(connection, false, e.getMessage());
        }
    }
}
