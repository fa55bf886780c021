package io.cnnga.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's {@code journal.jsonl}: one JSON object per line, appended and forced to disk before
 * {@link #append} returns. It is the run's source of truth; resuming is replaying it.
 *
 * <pre>{@code
 * try (Journal journal = Journal.open(dir.resolve("journal.jsonl"))) {
 *     journal.append(Journal.event("run-started").put("name", plan.name()));
 * }
 * List<JsonNode> events = Journal.read(dir.resolve("journal.jsonl"));
 * }</pre>
 *
 * <p>A process killed while writing can leave a torn last line: {@link #read} ignores it and
 * {@link #open} cuts it off before appending, so the file stays one object per line.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE = "journal.jsonl";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FileChannel channel;

    private Journal(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens (creating if needed) for appending, after cutting off a torn last line. */
    public static Journal open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            long keep = lengthOfCompleteLines(file);
            if (keep < channel.size()) {
                channel.truncate(keep);
                channel.force(true);
            }
            channel.position(keep);
            return new Journal(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file, e);
        }
    }

    /** A new event object with its {@code type} and {@code time}. */
    public static ObjectNode event(String type) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type);
        node.put("time", Instant.now().toString());
        return node;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Appends one event as one line and forces it to disk. */
    public synchronized void append(ObjectNode event) {
        try {
            byte[] line = (MAPPER.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal events always serialize", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal", e);
        }
    }

    /**
     * Every complete event; a last line that does not parse (a torn write) is ignored.
     *
     * @throws JournalCorruptException when a line other than the last does not parse
     */
    public static List<JsonNode> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file, e);
        }
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = MAPPER.readTree(line);
                if (node == null || !node.isObject() || !node.hasNonNull("type")) {
                    throw new IOException("not an event object");
                }
                events.add(node);
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new JournalCorruptException(file + ": line " + (i + 1) + " is not a journal event ("
                        + e.getMessage().lines().findFirst().orElse("") + "); the run cannot be resumed from it");
            }
        }
        return events;
    }

    private static long lengthOfCompleteLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
