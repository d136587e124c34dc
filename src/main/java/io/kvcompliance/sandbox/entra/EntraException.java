package io.kvcompliance.sandbox.entra;

/** Carries an {@link EntraError} out of validation code to the endpoint that renders it. */
public final class EntraException extends RuntimeException {
    private final transient EntraError error;

    public EntraException(EntraError error) {
        super("AADSTS" + error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public EntraError error() {
        return error;
    }
}
