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
            rotate();
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

    private void rotate() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> complete = files.filter(p -> p.getFileName().toString().endsWith(".ndjson"))
                    .sorted(Comparator.comparing(NdjsonSink::modified).reversed()).toList();
            for (Path old : complete.subList(Math.min(keep, complete.size()), complete.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
