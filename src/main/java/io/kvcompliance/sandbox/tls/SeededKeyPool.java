package io.kvcompliance.sandbox.tls;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Key pairs, signers and randomness derived from one seed, so the same seed yields the same keys. The sandbox
 * never hands out private keys and a certificate's identity is its subject, serial and validity, so one
 * key per shape (CA RSA 2048, leaf RSA per size, leaf EC per curve) serves every certificate and keeps
 * minting fast; RSA generation costs a fraction of a second for 2048 bits and seconds for 4096.
 */
final class SeededKeyPool {
    private final long seed;
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

    SeededKeyPool(long seed) {
        this.seed = seed;
    }

    KeyPair caKey() {
        return keys.computeIfAbsent("ca-RSA-2048", label -> rsa(label, 2048));
    }

    /** The pooled leaf key for a Key Vault kty (HSM variants share the software key) and size or curve. */
    KeyPair leafKey(String keyType, Integer keySize, String curveName) {
        String kty = keyType.toUpperCase(Locale.ROOT).replace("-HSM", "");
        if (kty.equals("RSA")) {
            int bits = keySize == null ? 2048 : keySize;
            return keys.computeIfAbsent("leaf-RSA-" + bits, label -> rsa(label, bits));
        }
        if (kty.equals("EC")) {
            String curve = curveName == null ? "P-256" : curveName.toUpperCase(Locale.ROOT);
            return keys.computeIfAbsent("leaf-EC-" + curve, label -> ec(label, curve));
        }
        throw new IllegalArgumentException("Key type '" + keyType + "' cannot be minted; use RSA, RSA-HSM, EC or EC-HSM");
    }

    /**
     * A SHA1PRNG seeded from the pool seed and the parts. setSeed runs before the first nextBytes: on
     * the SUN provider that replaces self-seeding, which is what makes the stream deterministic.
     */
    SecureRandom random(String... parts) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(digest(seed, parts));
            return random;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA1PRNG is unavailable in this JDK", e);
        }
    }

    /**
     * A signer whose randomness comes from the seed and the parts. Providers are named, as for key
     * generation, so the JDK's own signers run whatever else is registered.
     */
    ContentSigner signer(PrivateKey key, String... randomParts) throws OperatorCreationException {
        boolean rsa = key.getAlgorithm().equals("RSA");
        return new JcaContentSignerBuilder(rsa ? "SHA256withRSA" : "SHA256withECDSA")
                .setProvider(rsa ? "SunRsaSign" : "SunEC")
                .setSecureRandom(random(randomParts))
                .build(key);
    }

    /** SHA-256 over the seed and the length-prefixed parts, so ("ab","c") and ("a","bc") differ. */
    static byte[] digest(long seed, String... parts) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(seed);
            for (String part : parts) {
                out.writeUTF(part);
            }
            out.flush();
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive seeded material", e);
        }
    }

    // Providers are named so that a provider registered later by someone else cannot change the keys a seed gives.
    private KeyPair rsa(String label, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
            generator.initialize(bits, random(label));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot generate an RSA " + bits + " key; use 2048, 3072 or 4096", e);
        }
    }

    private KeyPair ec(String label, String curve) {
        String stdName = switch (curve) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> throw new IllegalArgumentException("Curve '" + curve + "' cannot be minted; use P-256, P-384 or P-521");
        };
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
            generator.initialize(new ECGenParameterSpec(stdName), random(label));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an EC " + curve + " key", e);
        }
    }
}
