package io.kvcompliance.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientPacerTest {
    /** A clock only the sleeper moves, and a record of every wait. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Duration> sleeps = new ArrayList<>();

    private ClientPacer pacer(int burst, double refillPerSecond) {
        return new ClientPacer(burst, refillPerSecond, now::get, d -> {
            sleeps.add(d);
            now.addAndGet(d.toNanos());
        });
    }

    @Test
    void burstPassesAtOnceThenCallsFollowTheRefillRate() {
        ClientPacer pacer = pacer(3, 2);

        for (int i = 0; i < 3; i++) {
            pacer.acquire("principal|sub-1");
        }
        assertThat(sleeps).isEmpty();

        pacer.acquire("principal|sub-1");
        pacer.acquire("principal|sub-1");

        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(pacer.acquisitions()).isEqualTo(5);
        assertThat(pacer.delayed()).isEqualTo(2);
        assertThat(pacer.waited()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void idleTimeRefillsTheBucketUpToTheBurstOnly() {
        ClientPacer pacer = pacer(2, 1);
        pacer.acquire("k");
        pacer.acquire("k");

        now.addAndGet(Duration.ofSeconds(60).toNanos()); // a long pause refills 2 tokens, not 60
        pacer.acquire("k");
        pacer.acquire("k");
        pacer.acquire("k");

        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void armDefaultsAllowTwoHundredFiftyAtOnceThenTwentyFivePerSecond() {
        ClientPacer pacer = pacer(250, 25);
        for (int i = 0; i < 250; i++) {
            pacer.acquire("k");
        }
        assertThat(sleeps).isEmpty();

        long start = now.get();
        for (int i = 0; i < 25; i++) {
            pacer.acquire("k");
        }

        assertThat(Duration.ofNanos(now.get() - start)).isEqualTo(Duration.ofSeconds(1));
        assertThat(sleeps).allMatch(d -> d.equals(Duration.ofMillis(40)));
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        ClientPacer pacer = pacer(1, 1);

        pacer.acquire("principal|sub-1");
        pacer.acquire("principal|sub-2");
        pacer.acquire("other|sub-1");

        assertThat(sleeps).isEmpty();
        pacer.acquire("principal|sub-1");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void concurrentCallersReserveTokensInTurn() throws Exception {
        // the sleeper does not move the clock here: each waiting caller must be queued behind the previous one
        List<Duration> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        ClientPacer pacer = new ClientPacer(1, 10, now::get, waits::add);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Thread t = new Thread(() -> pacer.acquire("k"));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(10_000);
        }

        assertThat(waits).containsExactlyInAnyOrder(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(300), Duration.ofMillis(400));
    }

    @Test
    void disabledPacerNeverWaits() {
        ClientPacer pacer = ClientPacer.disabled();
        for (int i = 0; i < 10_000; i++) {
            pacer.acquire("k");
        }

        assertThat(pacer.enabled()).isFalse();
        assertThat(pacer.waited()).isZero();
        assertThat(pacer.acquisitions()).isZero();
    }

    @Test
    void interruptedWaitStopsTheCallAndKeepsTheInterrupt() {
        ClientPacer pacer = new ClientPacer(1, 1, now::get, d -> {
            throw new InterruptedException();
        });
        pacer.acquire("k");

        assertThatThrownBy(() -> pacer.acquire("k")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Interrupted");
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void propertiesAreOffByDefaultAndBadValuesNameTheKey() {
        assertThat(ClientPacer.fromProperties(k -> null).enabled()).isFalse();
        assertThat(ClientPacer.fromProperties(Map.of("kv.arm.pacer-burst", "250")::get).enabled()).isTrue();
        assertThatThrownBy(() -> ClientPacer.fromProperties(Map.of("kv.arm.pacer-burst", "lots")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kv.arm.pacer-burst=lots");
        assertThatThrownBy(() -> ClientPacer.fromProperties(Map.of("kv.arm.pacer-burst", "250",
                "kv.arm.pacer-refill-per-second", "0")::get))
                .hasMessageContaining("kv.arm.pacer-refill-per-second=0 must be positive");
        assertThatThrownBy(() -> ClientPacer.fromProperties(Map.of("kv.arm.pacer-burst", "-1")::get))
                .hasMessageContaining("kv.arm.pacer-burst=-1 is negative");
    }
}
