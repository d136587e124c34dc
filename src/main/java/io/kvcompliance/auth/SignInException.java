package io.kvcompliance.auth;

/**
 * Sign-in failed in a way the user must fix (wrong secret, unknown app, wrong tenant, revoked grant).
 * The message names the cause and the fix; it never carries a token, secret or assertion.
 */
public class SignInException extends RuntimeException {
    private final String errorCode;
    private final boolean reconnectRequired;

    public SignInException(String message, String errorCode, boolean reconnectRequired, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.reconnectRequired = reconnectRequired;
    }

    /** The first line of an Entra or msal4j message (AADSTS code and text; the trace lines add nothing). */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int cut = message.indexOf('\n');
        return (cut >= 0 ? message.substring(0, cut) : message).trim();
    }

    /** Entra's error code (invalid_client, invalid_grant...), or null. */
    public String errorCode() {
        return errorCode;
    }

    /** True when only a new interactive sign-in can fix it (invalid_grant, interaction required). */
    public boolean reconnectRequired() {
        return reconnectRequired;
    }
}
