package io.kvcompliance.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.RecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One destination's spool: items it could not take, one JSON file each, named by a sequence number and
 * the records they carry ({@code 000000000042-500.json}), so replay keeps their order and the spooled
 * count needs no parsing. Files are written under a temporary name and renamed, so a crash never leaves
 * half an item. Items the destination refused for good go to {@code rejected/} with a {@code .reason} file.
 */
public final class Spool {
    private static final Pattern ITEM = Pattern.compile("(\\d{12})-(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;
    private final Path rejected;
    private long next;
    /**
     * Items waiting, kept in memory so that the channel's check before every batch reads no directory;
     * re-read from the directory whenever {@link #pending()} lists it (each replay), which also picks up
     * files an operator moved back from rejected/.
     */
    private int waiting;

    public Spool(Path directory) {
        this.directory = directory;
        this.rejected = directory.resolve("rejected");
        this.next = Math.max(lastSequence(directory), lastSequence(rejected)) + 1;
        this.waiting = list(directory).size();
    }

    public Path directory() {
        return directory;
    }

    public synchronized void append(DeliveryItem item) {
        write(directory, item, null);
        waiting++;
    }

    /** Keeps an item the destination refused, with the reason it gave. */
    public synchronized void reject(DeliveryItem item, String reason) {
        write(rejected, item, reason);
    }

    /** Moves a spooled file to rejected/ (refused on replay, or unreadable). */
    public synchronized void reject(Path file, String reason) {
        try {
            Files.createDirectories(rejected);
            Files.writeString(rejected.resolve(file.getFileName() + ".reason"), reason + "\n");
            Files.move(file, rejected.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            waiting--;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " to " + rejected + ": " + e.getMessage(), e);
        }
    }

    /** Spooled items, oldest first. */
    public synchronized List<Path> pending() {
        List<Path> items = list(directory);
        waiting = items.size();
        return items;
    }

    public synchronized boolean isEmpty() {
        return waiting == 0;
    }

    /** Records in spooled items (from the file names). */
    public long pendingRecords() {
        return records(list(directory));
    }

    public long rejectedRecords() {
        return records(list(rejected));
    }

    public DeliveryItem read(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        String syncId = node.path("syncId").asText();
        Instant syncTime = Instant.parse(node.path("syncTime").asText());
        if (node.path("kind").asText().equals("end")) {
            return new DeliveryItem.SyncEnd(syncId, syncTime, node.path("status").asText(),
                    node.path("allRecordsArrived").asBoolean(true));
        }
        List<ComplianceRecord> records = new ArrayList<>();
        for (JsonNode r : node.path("records")) {
            records.add(RecordJson.fromJson(r.toString()));
        }
        return new DeliveryItem.Batch(syncId, syncTime, node.path("sequence").asLong(), records);
    }

    public synchronized void remove(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                waiting--;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove replayed " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(Path dir, DeliveryItem item, String reason) {
        String name = String.format("%012d-%d.json", next++, item.size());
        Path target = dir.resolve(name);
        Path part = dir.resolve(name + ".part");
        try {
            Files.createDirectories(dir);
            // on disk before it is named, and the name on disk before the destination is told "spooled":
            // a power loss leaves either no file or a whole one
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(JSON.writeValueAsBytes(toJson(item))));
                out.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
            if (reason != null) {
                Files.writeString(dir.resolve(name + ".reason"), reason + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool to " + target + " (kv.delivery.spool.directory): "
                    + e.getMessage(), e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for sync; the rename itself is still atomic there
        }
    }

    private static ObjectNode toJson(DeliveryItem item) {
        ObjectNode node = JSON.createObjectNode();
        node.put("syncId", item.syncId());
        node.put("syncTime", item.syncTime().toString());
        if (item instanceof DeliveryItem.SyncEnd end) {
            node.put("kind", "end");
            node.put("status", end.status());
            node.put("allRecordsArrived", end.allRecordsArrived());
        } else if (item instanceof DeliveryItem.Batch batch) {
            node.put("kind", "batch");
            node.put("sequence", batch.sequence());
            ArrayNode records = node.putArray("records");
            batch.records().forEach(r -> records.add(RecordJson.toTree(r)));
        }
        return node;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> ITEM.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the spool " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long records(List<Path> files) {
        long n = 0;
        for (Path p : files) {
            Matcher m = ITEM.matcher(p.getFileName().toString());
            if (m.matches()) {
                n += Long.parseLong(m.group(2));
            }
        }
        return n;
    }

    private static long lastSequence(Path dir) {
        List<Path> files = list(dir);
        if (files.isEmpty()) {
            return 0;
        }
        Matcher m = ITEM.matcher(files.get(files.size() - 1).getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
}
