package io.cnnga.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's {@code journal.jsonl}: one {@link JournalEvent} per line, appended and forced to disk
 * before {@link #append} returns. It is the run's source of truth; resuming is replaying it.
 *
 * <pre>{@code
 * try (Journal journal = Journal.open(dir.resolve(Journal.FILE))) {
 *     journal.append(new RunResumed(Instant.now(), 12));
 * }
 * List<JournalEvent> events = Journal.read(dir.resolve(Journal.FILE));
 * }</pre>
 *
 * <p>A process killed while writing can leave a torn last line: {@link #read} ignores it and
 * {@link #open} cuts it off before appending, so the file stays one event per line. A last event
 * that is complete but lost its newline is kept: {@link #open} adds the newline. Every other line
 * must be a valid event; one that is not makes the journal unreadable, with its line number and
 * field in the message.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE = "journal.jsonl";

    private final Path file;
    private final FileChannel channel;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (creating if needed) for appending, after cutting off a torn last line.
     *
     * @throws JournalCorruptException when a line other than the last is not a valid event
     */
    public static Journal open(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            Scan scan = scan(file, contents(channel));
            boolean repaired = false;
            if (scan.keep() < channel.size()) {
                channel.truncate(scan.keep());
                repaired = true;
            }
            channel.position(scan.keep());
            if (scan.unterminated()) {
                write(channel, new byte[] {'\n'});
                repaired = true;
            }
            if (repaired) {
                channel.force(true);
            }
            return new Journal(file, channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open the journal " + file + ": " + AtomicFile.describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Appends one event as one line and forces it to disk.
     *
     * @throws UncheckedIOException "cannot append to the journal FILE: CAUSE" (a full disk says so)
     */
    public synchronized void append(JournalEvent event) {
        byte[] line = (JournalJson.write(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            write(channel, line);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal " + file + ": " + AtomicFile.describe(e), e);
        }
    }

    /**
     * Every complete event of a known type, in order; a torn last line is ignored.
     *
     * @throws JournalCorruptException when a line other than the last is not a valid event
     * @throws UncheckedIOException    when the file cannot be read
     */
    public static List<JournalEvent> read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(file, contents(channel)).events();
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no journal " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file + ": " + AtomicFile.describe(e), e);
        }
    }

    /**
     * @param events       the valid events of known types
     * @param keep         bytes up to the end of the last valid line
     * @param unterminated whether that last valid line lacks its newline
     */
    private record Scan(List<JournalEvent> events, long keep, boolean unterminated) {
    }

    private static Scan scan(Path file, byte[] bytes) {
        List<JournalEvent> events = new ArrayList<>();
        long keep = 0;
        boolean unterminated = false;
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            boolean terminated = end < bytes.length;
            int next = terminated ? end + 1 : end;
            lineNumber++;
            boolean last = next >= bytes.length;
            String line;
            try {
                line = decode(bytes, start, end);
            } catch (CharacterCodingException e) {
                if (last && !terminated) {
                    break;   // torn in the middle of a character
                }
                throw corrupt(file, lineNumber, "not UTF-8 text");
            }
            if (line.isBlank()) {
                keep = next;
                unterminated = false;
                start = next;
                continue;
            }
            try {
                JournalEvent event = JournalJson.read(line);
                if (event != null) {
                    events.add(event);
                }
                keep = next;
                unterminated = !terminated;
            } catch (JournalJson.InvalidEventException e) {
                if (last && !terminated) {
                    break;   // a torn write: the process died while appending it
                }
                // A whole line (append writes its newline with it) that does not read is no torn
                // write: damage, or a newer engine's; cutting it off would lose it.
                throw corrupt(file, lineNumber, e.getMessage());
            }
            start = next;
        }
        return new Scan(List.copyOf(events), keep, unterminated);
    }

    /** The file's bytes up to its size (a device such as /dev/full reads as empty, not as endless zeros). */
    private static byte[] contents(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("the journal is larger than 2 GB");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // reads until the buffer is full
        }
        return buffer.array();
    }

    private static String decode(byte[] bytes, int from, int to) throws CharacterCodingException {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, from, to - from));
        return chars.toString();
    }

    private static JournalCorruptException corrupt(Path file, int line, String problem) {
        return new JournalCorruptException(file + ": line " + line + ": " + problem
                + "; the run cannot be resumed from it (restore the line, or run the plan again in another folder)");
    }

    private static void write(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
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
