package io.kvcompliance.bench;

import io.kvcompliance.delivery.TestDatabase;
import io.kvcompliance.pipeline.CollectorRuntime;
import io.kvcompliance.pipeline.SummaryTable;
import io.kvcompliance.pipeline.SyncRun;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.SandboxProfile;
import io.kvcompliance.sandbox.fixture.GeneratorSizes;
import io.kvcompliance.sandbox.fixture.TenantGenerator;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole sync of a generated tenant (default 20 subscriptions x 50 vaults, each with 20 keys, 50
 * secrets, 10 certificates) with sandbox latency, through the real routes. Prints wall time, requests,
 * 429s, peak heap and the ratio to the lower bound of performance-model.md (T_min = max of the
 * concurrency term N x L / C, the serial nextLink chain and the Resource Manager bucket).
 * Run: {@code mvn -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.kvcompliance.bench.SyncBenchmark -Dexec.args="subs vaults latencyMs concurrency [h2|postgresql]"}.
 */
public final class SyncBenchmark {
    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int subs = arg(args, 0, 20);
        int vaults = arg(args, 1, 50);
        int latency = arg(args, 2, 20);
        int concurrency = arg(args, 3, 16);
        boolean postgres = args.length > 4 && args[4].equalsIgnoreCase("postgresql");
        GeneratorSizes sizes = new GeneratorSizes(subs, vaults, 20, 50, 10, 3, 3);
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().latencyMillis(latency).build();
        Path work = Files.createTempDirectory("kv-sync-bench");
        try (Sandbox sandbox = Sandbox.start(TenantGenerator.generate(sizes, 1), settings)) {
            Map<String, String> props = new HashMap<>(SandboxProfile.collectorProperties(sandbox, work));
            props.put("kv.delivery.ndjson.directory", work.resolve("out").toString());
            props.put("kv.delivery.spool.directory", work.resolve("spool").toString());
            // the record store: embedded H2 (the default), or PostgreSQL (a private cluster, or KV_TEST_POSTGRES_URL's)
            TestDatabase db = TestDatabase.create(postgres ? TestDatabase.POSTGRESQL : TestDatabase.H2, work);
            props.putAll(db.properties());
            props.put("kv.sync.vault-concurrency", Integer.toString(concurrency));
            props.put("kv.http.max-connections", Integer.toString(concurrency * 4));
            HeapSampler heap = HeapSampler.start();
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            SyncRun sync;
            try (CollectorRuntime runtime = CollectorRuntime.start(props, true)) {
                sync = runtime.sync();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuStart) / 1e9;
            long requests = sandbox.metrics().requestsWithPrefix("arm:") + sandbox.metrics().requestsWithPrefix("dp:");
            System.out.print(SummaryTable.render(sync));
            System.out.printf("record store %s: %d current rows, %d history rows%n", db.kind(),
                    db.count("SELECT COUNT(*) FROM records_current"), db.count("SELECT COUNT(*) FROM records_history"));
            System.out.printf("tenant: %d subscriptions x %d vaults x (20 keys, 50 secrets, 10 certificates), latency %d ms,"
                    + " vault concurrency %d%n", subs, vaults, latency, concurrency);
            System.out.printf("wall time %.1f s (camel start included), Azure requests %d (%.0f/s), 429s %d ARM + %d Key Vault,"
                    + " token requests %d%n", wall, requests, requests / wall, sandbox.metrics().throttled("arm"),
                    sandbox.metrics().throttled("dataplane"), sandbox.metrics().requests("login:token"));
            System.out.printf("process CPU %.1f s (%.0f%% of %d cores; collector and sandbox share them)%n", cpu,
                    100 * cpu / wall / Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
            System.out.printf("peak heap used %.0f MB (sampled every 20 ms; max heap %.0f MB), NDJSON %.1f MB, violations %d%n",
                    heap.stop() / 1e6, Runtime.getRuntime().maxMemory() / 1e6,
                    Files.size(sync.figures().output()) / 1e6, sandbox.metrics().violationCount());
            double tConc = requests * (latency / 1000.0) / concurrency;
            System.out.printf("lower bound T_min = max(T_conc = N x L / C = %.1f s, T_arm, T_chain) = %.1f s; ratio %.2f%n",
                    tConc, tConc, wall / tConc);
        }
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Samples used heap, since the sum of pool peaks overstates what was live at any one time. */
    private static final class HeapSampler {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        private HeapSampler() {
            thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler s = new HeapSampler();
            s.thread.start();
            return s;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak;
        }
    }
}
