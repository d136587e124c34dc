package io.kvcompliance.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key of the token cache: from the environment variable {@value #ENV} (base64 of 32 bytes)
 * when set, else from a key file created once with SecureRandom and owner-only permissions.
 */
public final class TokenCacheKey {
    /** Environment variable holding the key, base64; wins over the key file. */
    public static final String ENV = "KV_TOKEN_CACHE_KEY";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int KEY_BYTES = 32;

    private TokenCacheKey() {
    }

    /**
     * @param base64OrNull the key from {@value #ENV} (or an in-process override); null or blank uses the key file
     * @param keyFile      created with a new random key when absent
     */
    public static SecretKey resolve(String base64OrNull, Path keyFile) {
        if (base64OrNull != null && !base64OrNull.isBlank()) {
            return decode(base64OrNull.trim(), ENV);
        }
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim(), "key file " + keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token cache key file " + keyFile
                    + " (kv.auth.token-cache-key-file): " + e.getMessage(), e);
        }
    }

    /** A new random key, base64, for {@value #ENV} or a key file. */
    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void create(Path keyFile) throws IOException {
        if (keyFile.toAbsolutePath().getParent() != null) {
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
        }
        try {
            // created with its permissions, so the key is never readable by others, not even for a moment
            Files.writeString(Files.createFile(keyFile, ownerOnly()), generate(), StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            // another process created it first: use that one
        }
    }

    static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    private static SecretKey decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the token cache key in " + source + " is not base64: set it to 32"
                    + " random bytes, base64-encoded (e.g. `openssl rand -base64 32`)");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the token cache key in " + source + " has " + key.length
                    + " bytes, AES-256 needs 32: set it to `openssl rand -base64 32`");
        }
        return new SecretKeySpec(key, "AES");
    }
}
