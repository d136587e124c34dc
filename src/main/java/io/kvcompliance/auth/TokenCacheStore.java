package io.kvcompliance.auth;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/**
 * msal4j's persistent token cache: the serialized cache (refresh tokens in clear) and the connection
 * metadata, sealed together by {@link TokenCacheEnvelope} (AES-GCM) in one owner-only file, written
 * atomically. Holds one connection: the account the last {@code connect} signed in.
 */
public final class TokenCacheStore implements ITokenCacheAccessAspect {
    private final Path file;
    private final Supplier<SecretKey> keySource;
    private SecretKey key;
    private TokenCacheEnvelope.Content loaded;
    private long loadedStamp = -1;

    /** @param keySource asked once, on the first read or write of the file: status and disconnect need no key */
    public TokenCacheStore(Path file, Supplier<SecretKey> keySource) {
        this.file = file;
        this.keySource = keySource;
    }

    private SecretKey key() {
        if (key == null) {
            key = keySource.get();
        }
        return key;
    }

    public Path file() {
        return file;
    }

    /** The stored connection, or empty when nobody is connected; fails when the file cannot be decrypted. */
    public synchronized Optional<Connection> connection() {
        return Optional.ofNullable(read().connection());
    }

    @Override
    public synchronized void beforeCacheAccess(ITokenCacheAccessContext context) {
        // the decrypted file is kept until it changes on disk; msal4j gets it before every access
        TokenCacheEnvelope.Content content = read();
        if (content.msalCache() != null) {
            context.tokenCache().deserialize(content.msalCache());
        }
    }

    @Override
    public synchronized void afterCacheAccess(ITokenCacheAccessContext context) {
        if (context.hasCacheChanged()) {
            write(new TokenCacheEnvelope.Content(read().connection(), context.tokenCache().serialize()));
        }
    }

    /** Records who signed in (after msal4j stored the tokens of that sign-in). */
    public synchronized void connected(Connection connection) {
        write(new TokenCacheEnvelope.Content(connection, read().msalCache()));
    }

    /**
     * Before a new sign-in: a cache the configured key cannot open (the key was changed or lost) is of no
     * use to anyone, so connect replaces it instead of failing on it. True when one was dropped.
     */
    public synchronized boolean dropIfUnreadable() {
        try {
            read();
            return false;
        } catch (SignInException e) {
            return delete();
        }
    }

    /** Removes the cache and its metadata; the key file stays, so rotating it stays an explicit step. */
    public synchronized boolean delete() {
        try {
            loaded = null;
            loadedStamp = -1;
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the token cache " + file + ": " + e.getMessage(), e);
        }
    }

    private TokenCacheEnvelope.Content read() {
        try {
            if (!Files.exists(file)) {
                loaded = TokenCacheEnvelope.Content.EMPTY;
                loadedStamp = 0;
                return loaded;
            }
            long stamp = Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file);
            if (loaded == null || stamp != loadedStamp) {
                loaded = TokenCacheEnvelope.open(Files.readAllBytes(file), key());
                loadedStamp = stamp;
            }
            return loaded;
        } catch (AEADBadTagException e) {
            throw new SignInException("The token cache " + file + " cannot be decrypted with the configured key."
                    + " Fix: set " + TokenCacheKey.ENV + " (or kv.auth.token-cache-key-file) to the key it was written"
                    + " with, or run `java -jar target/keyvault-compliance.jar connect` again.", "token_cache_key",
                    true, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token cache " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(TokenCacheEnvelope.Content content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // temp file with owner-only permissions in the same directory, then an atomic rename
            Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", TokenCacheKey.ownerOnly());
            try {
                Files.write(temp, TokenCacheEnvelope.seal(content, key()));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            loaded = content;
            loadedStamp = Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token cache " + file + ": " + e.getMessage(), e);
        }
    }
}
