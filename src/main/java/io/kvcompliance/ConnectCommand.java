package io.kvcompliance;

import io.kvcompliance.auth.AuthorizationCodeSignIn;
import io.kvcompliance.auth.Connection;
import io.kvcompliance.auth.DelegatedClient;
import io.kvcompliance.auth.DeviceCodeSignIn;
import io.kvcompliance.auth.SignInException;
import io.kvcompliance.auth.SignInResult;
import io.kvcompliance.pipeline.CollectorRuntime;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connect}: signs a user in (authorization code with PKCE, or device code) into the protected token cache. */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Signs in as the user whose access the collector uses (kv.auth.mode=delegated).",
                "Prints the sign-in URL and opens the system browser when there is one; the answer comes back to a"
                        + " loopback server on 127.0.0.1.",
                "Exit 0 when connected, 1 when the sign-in failed, 2 for a configuration error."})
public final class ConnectCommand implements Callable<Integer> {
    @Option(names = "--device-code", description = "Sign in on another device with a code (hosts without a browser).")
    boolean deviceCode;
    @Option(names = "--status", description = "Tell who is connected, to which tenant, since when; change nothing.")
    boolean status;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the sign-in to finish (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = Map.of();
        if (status) {
            System.out.println(status(overrides));
            return 0;
        }
        try {
            SignInResult result = deviceCode
                    ? withClient(overrides, c -> new DeviceCodeSignIn(c, System.out::println, signInWait()).signIn())
                    : signIn(overrides, ConnectCommand::openSystemBrowser, signInWait());
            print(result, System.out);
            return 0;
        } catch (SignInException e) {
            System.err.println("error: " + e.getMessage());
            return App.EXIT_FAILED;
        }
    }

    private Duration signInWait() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** The connect flow with the given browser; {@code overrides} win over the configuration (sandbox, tests). */
    public static SignInResult signIn(Map<String, String> overrides, AuthorizationCodeSignIn.Browser browser,
                                      Duration wait) throws Exception {
        return withClient(overrides, c -> new AuthorizationCodeSignIn(c, browser, wait).signIn());
    }

    /** "user ... in tenant ..., connected since ..." or "not connected". */
    public static String status(Map<String, String> overrides) throws Exception {
        return withClient(overrides, c -> {
            Optional<Connection> connection = c.store().connection();
            return connection.map(x -> "connected: " + x.describe() + ", since " + x.connectedAt()
                    + " (token cache " + c.store().file() + ")").orElse("not connected (no sign-in in "
                    + c.store().file() + "): run `java -jar target/keyvault-compliance.jar connect`");
        });
    }

    /** Runs {@code work} with the delegated client the configuration describes, whatever kv.auth.mode says. */
    static <T> T withClient(Map<String, String> overrides, Function<DelegatedClient, T> work) throws Exception {
        Map<String, String> props = new HashMap<>(overrides);
        props.put("kv.auth.mode", "delegated");
        // signing in writes no records, and must not hold the (H2 file) database a sync may be using:
        // ndjson alone opens nothing until a record comes
        props.put("kv.delivery.endpoints", "ndjson");
        try (CollectorRuntime runtime = CollectorRuntime.start(props, false)) {
            return work.apply(runtime.context().getRegistry().lookupByNameAndType("delegatedClient",
                    DelegatedClient.class));
        }
    }

    static void print(SignInResult result, PrintStream out) {
        out.println("connected: " + result.connection().describe());
        out.println(result.keyVaultConsented() ? "Key Vault data plane: consented (certificates will be read)"
                : "Key Vault data plane: not available, certificates will be reported CONSENT_REQUIRED: "
                + result.keyVaultNote());
    }

    private static void openSystemBrowser(URI authorizeUrl) {
        System.out.println("Sign in with this URL (it opens in your browser when there is one):");
        System.out.println(authorizeUrl);
        try {
            if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(authorizeUrl);
            }
        } catch (Exception e) {
            // no usable browser: the printed URL is the way in
            System.out.println("(could not open a browser: " + e.getClass().getSimpleName() + "; open the URL yourself)");
        }
    }
}
