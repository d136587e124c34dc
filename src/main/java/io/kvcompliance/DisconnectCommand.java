package io.kvcompliance;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code disconnect}: forgets the delegated sign-in by removing the token cache and its metadata. */
@Command(name = "disconnect", mixinStandardHelpOptions = true,
        description = {"Removes the token cache (kv.auth.token-cache) and the connection stored in it.",
                "The key file stays: rotating the key is a separate, explicit step (delete it, or change KV_TOKEN_CACHE_KEY)."})
public final class DisconnectCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        System.out.println(disconnect(Map.of()));
        return 0;
    }

    /** Removes the cache; the message says what was removed. */
    public static String disconnect(Map<String, String> overrides) throws Exception {
        return ConnectCommand.withClient(overrides, c -> c.store().delete()
                ? "disconnected: removed " + c.store().file() : "not connected: " + c.store().file() + " does not exist");
    }
}
