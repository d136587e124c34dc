package io.kvcompliance.sandbox.tls;

import java.io.IOException;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Distinguished names parsed and printed by the JDK, so the RDN order encoded in a minted certificate is
 * the one X500Principal (and every JDK client) reads back; BouncyCastle's own string parser keeps the
 * written order instead, which reverses "CN=a, O=b" relative to RFC 2253.
 */
final class DistinguishedNames {
    private DistinguishedNames() {
    }

    static X500Name parse(String dn, String owner) {
        try {
            return X500Name.getInstance(new X500Principal(dn).getEncoded());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Distinguished name '" + dn + "' of " + owner
                    + " is not RFC 2253; write it like 'CN=name, O=organisation'", e);
        }
    }

    static String rfc2253(X500Name name) {
        return principal(name).getName(X500Principal.RFC2253);
    }

    /** Equal for names that differ only in spacing or case, for use as a cache key. */
    static String canonical(X500Name name) {
        return principal(name).getName(X500Principal.CANONICAL);
    }

    private static X500Principal principal(X500Name name) {
        try {
            return new X500Principal(name.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode " + name, e);
        }
    }
}
