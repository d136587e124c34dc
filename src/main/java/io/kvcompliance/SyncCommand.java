package io.kvcompliance;

import io.kvcompliance.auth.SignInResult;
import io.kvcompliance.pipeline.CollectorRuntime;
import io.kvcompliance.pipeline.SummaryTable;
import io.kvcompliance.pipeline.SyncRun;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.SandboxBrowser;
import io.kvcompliance.sandbox.SandboxProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sync}: one complete sync, then the summary; exit code 0, 3, 4, 1 (see README). */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Runs one complete sync and prints its summary.",
                "With --sandbox it starts the sandbox tenant in-process, signs its default user in through the connect flow",
                "(or its service principal with --service-principal) and syncs it; otherwise config/application.properties",
                "(and config/local.properties, and the environment) say which tenant to read."})
public final class SyncCommand implements Callable<Integer> {
    @Option(names = "--sandbox", description = "Sync the default sandbox tenant, started in-process on a free port.")
    boolean sandbox;
    @Option(names = "--service-principal",
            description = "With --sandbox: sign in as the sandbox's service principal instead of its default user.")
    boolean servicePrincipal;
    @Option(names = "--out", paramLabel = "DIR", description = "Directory of the NDJSON output (kv.delivery.ndjson.directory).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        if (out != null) {
            overrides.put("kv.delivery.ndjson.directory", out.toString());
        }
        if (!sandbox) {
            return run(overrides);
        }
        try (Sandbox tenant = Sandbox.start()) {
            Path dir = Path.of("data", "sandbox");
            overrides.putAll(servicePrincipal ? SandboxProfile.collectorProperties(tenant, dir)
                    : SandboxProfile.delegatedProperties(tenant, dir, dir));
            System.out.println("sandbox tenant started on " + tenant.localUrl());
            if (!servicePrincipal) {
                // a fresh sandbox and key each run: a previous run's cache belongs to a tenant that is gone
                Files.deleteIfExists(Path.of(overrides.get("kv.auth.token-cache")));
                // the production connect flow; the sandbox approves as its default user instead of a browser
                SignInResult signIn = ConnectCommand.signIn(overrides, new SandboxBrowser(tenant, null),
                        Duration.ofSeconds(60));
                ConnectCommand.print(signIn, System.out);
            }
            return run(overrides);
        }
    }

    private static int run(Map<String, String> overrides) throws Exception {
        SyncRun sync;
        try (CollectorRuntime runtime = CollectorRuntime.start(overrides, true);
             AutoCloseable progress = ProgressLine.on(runtime.control())) {
            sync = runtime.sync();
        }
        System.out.print(SummaryTable.render(sync));
        return sync.status().exitCode;
    }
}
