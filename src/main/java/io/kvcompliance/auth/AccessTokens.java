package io.kvcompliance.auth;

/**
 * The token step of every Azure call: a valid access token per audience, acquired silently
 * (cached, refreshed near expiry), and forced fresh once after a 401. Implementations never log
 * or put a token, secret or assertion in an exception message.
 */
public interface AccessTokens extends AutoCloseable {

    /** A bearer token for the audience; throws {@link SignInException} when sign-in is impossible. */
    String accessToken(Audience audience);

    /** Marks the cached token as rejected (the resource answered 401): the next call fetches a new one. */
    void invalidate(Audience audience);

    /** Who is signed in, for logs and the sync summary: tenant and client or account, never a credential. */
    String describe();

    @Override
    default void close() {
    }
}
