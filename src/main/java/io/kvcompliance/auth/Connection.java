package io.kvcompliance.auth;

import java.time.Instant;

/**
 * The one delegated connection the token cache holds: who signed in, to which tenant, since when.
 * Stored encrypted with the msal4j cache; never holds a token.
 *
 * @param homeAccountId msal4j's account key ({@code <object id>.<tenant id>}), used to find the account again
 */
public record Connection(String tenantId, String username, String homeAccountId, Instant connectedAt) {

    /** The one-line form {@code connect --status} and the sync summary print. */
    public String describe() {
        return "user " + username + " in tenant " + tenantId;
    }
}
