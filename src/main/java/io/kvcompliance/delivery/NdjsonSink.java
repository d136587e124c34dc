package io.kvcompliance.delivery;

import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.RecordJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One NDJSON file per sync, or one per sync and record type: records are appended to {@code .part}
 * files as they are produced (memory stays flat whatever the tenant's size) and renamed atomically once
 * the sync is complete, so a reader never sees half a sync. The files of the oldest syncs beyond
 * {@code keep} are deleted. A local file has no outage to wait out, so this sink is not spooled.
 */
public final class NdjsonSink {
    /** sync-<UTC time>-<sync id>[.<record type>].ndjson; group 1 names the sync. */
    private static final Pattern SYNC_FILE = Pattern.compile(
            "(sync-\\d{8}T\\d{6}Z-[0-9a-f-]{36})(\\.[A-Za-z]+)?\\.ndjson");
    private final Path directory;
    private final int keep;
    private final boolean perType;
    /** Open files by sync id, then by record type ("" when one file per sync). */
    private final Map<String, Map<String, BufferedWriter>> open = new ConcurrentHashMap<>();

    public NdjsonSink(Path directory, int keep, boolean perType) {
        this.directory = directory;
        this.keep = keep;
        this.perType = perType;
    }

    @Override
    public String toString() {
        return directory + (perType ? ", one file per record type" : "") + ", the newest " + keep + " syncs kept";
    }

    public void write(String syncId, ComplianceRecord record) {
        String type = perType ? record.type().jsonName() : "";
        BufferedWriter out = open.computeIfAbsent(syncId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, t -> create(syncId, t));
        String line = RecordJson.toJson(record);
        synchronized (out) {
            try {
                out.write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + part(syncId, type) + ": " + e.getMessage(), e);
            }
        }
    }

    private BufferedWriter create(String syncId, String type) {
        try {
            Files.createDirectories(directory);
            return Files.newBufferedWriter(part(syncId, type), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + part(syncId, type) + " (kv.delivery.ndjson.directory): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Closes the sync's files and gives them their final names, {@code <baseName>.ndjson} or
     * {@code <baseName>.<type>.ndjson}; returns them in type order (empty when nothing was written).
     */
    public List<Path> complete(String syncId, String baseName) {
        Map<String, BufferedWriter> files = open.remove(syncId);
        if (files == null) {
            return List.of();
        }
        List<Path> published = new ArrayList<>();
        for (Map.Entry<String, BufferedWriter> e : new TreeMap<>(files).entrySet()) {
            String type = e.getKey();
            Path target = directory.resolve(baseName + (type.isEmpty() ? "" : "." + type) + ".ndjson");
            try {
                synchronized (e.getValue()) {
                    e.getValue().close();
                }
                Files.move(part(syncId, type), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                published.add(target);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot finish " + target + ": " + ex.getMessage(), ex);
            }
        }
        rotate(baseName);
        return published;
    }

    /** Closes the files of syncs that never completed (the process is stopping); their .part files stay. */
    public void closeUnfinished() {
        for (String syncId : List.copyOf(open.keySet())) {
            Map<String, BufferedWriter> files = open.remove(syncId);
            for (BufferedWriter out : files.values()) {
                synchronized (out) {
                    try {
                        out.close();
                    } catch (IOException e) {
                        // the .part file is incomplete anyway; nothing else to do with it
                    }
                }
            }
        }
    }

    private Path part(String syncId, String type) {
        return directory.resolve("sync-" + syncId + (type.isEmpty() ? "" : "." + type) + ".ndjson.part");
    }

    /**
     * Keeps the files of the newest {@code keep} syncs. Only this sink's own files count (ordered by the
     * UTC time in their name), and the sync just published is never deleted.
     */
    private void rotate(String current) {
        try (Stream<Path> files = Files.list(directory)) {
            Map<String, List<Path>> bySync = new TreeMap<>(Comparator.reverseOrder());
            files.forEach(p -> {
                Matcher m = SYNC_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    bySync.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(p);
                }
            });
            int rank = 0;
            for (Map.Entry<String, List<Path>> sync : bySync.entrySet()) {
                if (rank++ >= keep && !sync.getKey().equals(current)) {
                    for (Path old : sync.getValue()) {
                        Files.deleteIfExists(old);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the NDJSON files in " + directory + ": " + e.getMessage(), e);
        }
    }
}
