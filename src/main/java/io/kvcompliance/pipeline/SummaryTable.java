package io.kvcompliance.pipeline;

import java.util.Map;
import java.util.TreeMap;

/** The table every sync ends with: status, duration, records per type, coverage gaps, Azure calls. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(SyncRun sync) {
        StringBuilder out = new StringBuilder();
        out.append("Sync ").append(sync.syncId()).append("  ").append(sync.status())
                .append(String.format("  %.1f s", sync.duration().toMillis() / 1000.0));
        if (sync.principal() != null) {
            out.append("  as ").append(sync.principal());
        }
        out.append('\n');
        out.append("  records\n");
        sync.figures().counts().forEach((type, n) -> out.append(String.format("    %-20s %8d%n", type, n)));
        Map<String, Integer> gaps = new TreeMap<>();
        sync.gaps().forEach(g -> gaps.merge(g.status() + " " + g.objectType()
                + (g.errorCode() == null ? "" : " (" + g.errorCode() + ")"), 1, Integer::sum));
        out.append("  coverage gaps").append(gaps.isEmpty() ? "  none\n" : "\n");
        gaps.forEach((gap, n) -> out.append(String.format("    %-56s %4d%n", gap, n)));
        out.append("  azure calls\n");
        sync.figures().callStats().forEach((k, v) -> out.append(String.format("    %-34s %8d%n", k, v)));
        out.append("  delivery\n");
        new TreeMap<>(sync.figures().deliveries()).forEach((name, d) -> out.append(String.format(
                "    %-20s %8d delivered  %d spooled  %d rejected  %d replayed  %d waiting%n",
                name, d.delivered(), d.spooled(), d.rejected(), d.replayed(), d.pending())));
        sync.failures().forEach(f -> out.append("  failure: ").append(f).append('\n'));
        sync.figures().outputs().forEach(file -> out.append("  output ").append(file).append('\n'));
        return out.toString();
    }
}
