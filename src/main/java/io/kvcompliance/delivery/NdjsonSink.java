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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One NDJSON file per sync: records are appended to {@code <file>.part} as they are produced (memory
 * stays flat whatever the tenant's size) and the file is renamed atomically once the sync is complete,
 * so a reader never sees half a sync. The oldest complete files beyond {@code keep} are deleted.
 */
public final class NdjsonSink {
    private static final java.util.regex.Pattern SYNC_FILE = java.util.regex.Pattern.compile("sync-\\d{8}T\\d{6}Z-[0-9a-f-]{36}\\.ndjson");
    private final Path directory;
    private final int keep;
    private final Map<String, BufferedWriter> open = new ConcurrentHashMap<>();
    private final Map<String, Path> finished = new ConcurrentHashMap<>();

    public NdjsonSink(Path directory, int keep) {
        this.directory = directory;
        this.keep = keep;
    }

    public void write(String syncId, ComplianceRecord record) {
        BufferedWriter out = open.computeIfAbsent(syncId, this::create);
        String line = RecordJson.toJson(record);
        synchronized (out) {
            try {
                out.write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + part(syncId) + ": " + e.getMessage(), e);
            }
        }
    }

    private BufferedWriter create(String syncId) {
        try {
            Files.createDirectories(directory);
            return Files.newBufferedWriter(part(syncId), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + part(syncId) + " (kv.delivery.ndjson.directory): "
                    + e.getMessage(), e);
        }
    }

    /** Closes the sync's file and gives it its final name; returns that path (null when nothing was written). */
    public Path complete(String syncId, String fileName) {
        BufferedWriter out = open.remove(syncId);
        if (out == null) {
            return null;
        }
        Path target = directory.resolve(fileName);
        try {
            synchronized (out) {
                out.close();
            }
            Files.move(part(syncId), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            finished.put(syncId, target);
            rotate(target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + target + ": " + e.getMessage(), e);
        }
    }

    public Path file(String syncId) {
        return finished.get(syncId);
    }

    private Path part(String syncId) {
        return directory.resolve("sync-" + syncId + ".ndjson.part");
    }

    /**
     * Keeps the newest {@code keep} complete sync files. Only this sink's own files count (sync-<UTC
     * time>-<id>.ndjson, ordered by the time in their name), and the file just published is never deleted.
     */
    private void rotate(Path current) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> complete = files.filter(p -> SYNC_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
            for (Path old : complete.subList(Math.min(keep, complete.size()), complete.size())) {
                if (!old.equals(current)) {
                    Files.deleteIfExists(old);
                }
            }
        }
    }

}
