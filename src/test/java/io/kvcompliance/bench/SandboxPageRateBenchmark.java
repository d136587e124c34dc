package io.kvcompliance.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.fixture.GeneratorSizes;
import io.kvcompliance.sandbox.fixture.TenantGenerator;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;

/**
 * How many list pages per second the sandbox serves over loopback TLS with latency injection off:
 * client threads walk data-plane secret lists (25 items a page) of a generated tenant, following
 * nextLinks, in the same JVM on the same cores. Prints pages/s, latency percentiles and CPU.
 * Run: {@code mvn -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.kvcompliance.bench.SandboxPageRateBenchmark [-Dexec.args="threads seconds"]}.
 */
public final class SandboxPageRateBenchmark {
    private static final JsonFactory JSON = new JsonFactory();

    private SandboxPageRateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        GeneratorSizes sizes = new GeneratorSizes(1, 40, 0, 500, 0, 1, 1);
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().kvWindowLimit(Integer.MAX_VALUE / 8)
                .nextLinkVariants(true).build();
        try (Sandbox sandbox = Sandbox.start(TenantGenerator.generate(sizes, 1), settings);
             CloseableHttpClient http = HttpClients.custom().disableAutomaticRetries().setConnectionManager(
                     PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(sandbox.hostOverrides())
                             .setTlsSocketStrategy(new DefaultClientTlsStrategy(sandbox.tls().clientContext()))
                             .setMaxConnPerRoute(threads).setMaxConnTotal(400).build()).build()) {
            // one pool slot per vault host and thread, so TLS sessions are reused as a collector's would be
            String token = sandbox.issueAccessToken("780cc7bb-390d-49d9-b8fc-6a4a69555516", "https://vault.azure.net", 7200);
            List<String> vaults = sandbox.expectedInventory("780cc7bb-390d-49d9-b8fc-6a4a69555516").vaults().stream()
                    .filter(v -> v.coverage().get("certificates").collected()).map(v -> v.name()).toList();
            System.out.printf("sandbox page-rate benchmark: %d client threads, %d s, %d vaults x 500 secrets, 25 per page%n",
                    threads, seconds, vaults.size());
            run(http, token, vaults, threads, 3, new long[1 << 20], new int[1]);
            long cpuBefore = processCpuNanos();
            long[] latencies = new long[1 << 22];
            int[] count = new int[1];
            long start = System.nanoTime();
            run(http, token, vaults, threads, seconds, latencies, count);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpuBefore) / 1e9;
            long[] sorted = Arrays.copyOf(latencies, count[0]);
            Arrays.sort(sorted);
            System.out.printf("pages: %d in %.1f s = %.0f pages/s%n", count[0], elapsed, count[0] / elapsed);
            System.out.printf("latency per page: p50 %.2f ms, p99 %.2f ms%n", sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6);
            System.out.printf("process CPU: %.1f s over %.1f s wall (%.0f%% of %d cores), server and client together%n",
                    cpu, elapsed, 100 * cpu / elapsed / Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("requests counted by the sandbox: %d, violations: %d%n", sandbox.metrics().totalRequests(),
                    sandbox.metrics().violationCount());
        }
    }

    private static void run(CloseableHttpClient http, String token, List<String> vaults, int threads, int seconds,
                            long[] latencies, int[] count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            futures.add(pool.submit(() -> {
                for (int i = offset; !stop.get(); i += threads) {
                    walk(http, token, "https://" + vaults.get(i % vaults.size()) + ".vault.sandbox.test/secrets?api-version=7.5",
                            stop, latencies, count);
                }
                return null;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static void walk(CloseableHttpClient http, String token, String url, AtomicBoolean stop, long[] latencies,
                             int[] count) throws Exception {
        String next = url;
        while (next != null && !stop.get()) {
            HttpGet get = new HttpGet(URI.create(next));
            get.setHeader("Authorization", "Bearer " + token);
            long t0 = System.nanoTime();
            next = http.execute(get, response -> {
                if (response.getCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.getCode() + " for " + get.getRequestUri());
                }
                try (InputStream in = response.getEntity().getContent()) {
                    return nextLink(in);
                }
            });
            long took = System.nanoTime() - t0;
            synchronized (count) {
                if (count[0] < latencies.length) {
                    latencies[count[0]] = took;
                }
                count[0]++;
            }
        }
    }

    /** Streams the page and returns its nextLink, as a lean client would. */
    private static String nextLink(InputStream in) throws java.io.IOException {
        String next = null;
        try (JsonParser p = JSON.createParser(in)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "nextLink".equals(p.currentName()) && p.getParsingContext().getParent().inRoot()) {
                    p.nextToken();
                    next = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                }
            }
        }
        return next;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
