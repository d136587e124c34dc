package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncProgressTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void saysWhatIsDoneOutOfWhatWasFoundWithRateAndTimeLeft() {
        SyncProgress p = new SyncProgress(START);
        p.subscriptionStarted();
        p.subscriptionStarted();
        p.subscriptionDone();
        p.vaultsListed(100);
        p.vaultsListed(20);
        for (int i = 0; i < 40; i++) {
            p.vaultDone();
        }
        p.record();
        assertThat(p.line(START.plusSeconds(20)))
                .isEqualTo("1/2 subscriptions, 40/120 vaults, 1 records, 2.0 vaults/s, about 40 s left");
        assertThat(p.line(START.plusSeconds(200))).endsWith("0.2 vaults/s, about 6 min left");
    }

    @Test
    void promisesNoTimeBeforeTheFirstVaultNorOnceAllAreDone() {
        SyncProgress p = new SyncProgress(START);
        assertThat(p.line(START.plusSeconds(3))).isEqualTo("0/0 subscriptions, 0/0 vaults, 0 records");
        p.vaultsListed(1);
        p.vaultDone();
        assertThat(p.line(START.plusSeconds(4))).isEqualTo("0/0 subscriptions, 1/1 vaults, 0 records, 0.3 vaults/s");
    }
}
