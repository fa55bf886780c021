package io.cnnga.engine.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Test helper: reads TensorBoard event files without TensorFlow. A file is TFRecord frames
 * (uint64 length, masked CRC-32C of the length, the bytes, masked CRC-32C of the bytes), each
 * holding one {@code tensorflow.Event} protobuf, parsed here by hand as far as tests need:
 * step, and per summary value its tag and either a simple (scalar) value or a histogram.
 */
final class EventFiles {

    /** One summary value of an event. */
    record Value(long step, String tag, Float scalar, Histogram histogram) {
    }

    /** The fields of a {@code HistogramProto} tests look at. */
    record Histogram(double min, double max, double count, double sum) {
    }

    private EventFiles() {
    }

    /** Every summary value of every event file under {@code dir} (not recursing). */
    static List<Value> values(Path dir) throws IOException {
        List<Value> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList()) {
                for (byte[] record : records(f)) {
                    out.addAll(event(record));
                }
            }
        }
        return out;
    }

    /** The records of one file, every CRC checked. */
    static List<byte[]> records(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> records = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] header = new byte[8];
            b.get(header);
            long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
            int lengthCrc = b.getInt();
            if (lengthCrc != maskedCrc(header)) {
                throw new IOException(file + ": bad length CRC at record " + records.size());
            }
            byte[] data = new byte[Math.toIntExact(length)];
            b.get(data);
            int dataCrc = b.getInt();
            if (dataCrc != maskedCrc(data)) {
                throw new IOException(file + ": bad data CRC at record " + records.size());
            }
            records.add(data);
        }
        return records;
    }

    /** TFRecord's masking: rotate right by 15 bits, add a constant (all mod 2^32). */
    static int maskedCrc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    private static List<Value> event(byte[] bytes) {
        Proto p = new Proto(bytes);
        long step = 0;
        List<byte[]> summaries = new ArrayList<>();
        while (p.more()) {
            int key = (int) p.varint();
            int field = key >>> 3;
            int wire = key & 7;
            if (field == 2 && wire == 0) {
                step = p.varint();
            } else if (field == 5 && wire == 2) {
                summaries.add(p.bytes());
            } else {
                p.skip(wire);
            }
        }
        List<Value> values = new ArrayList<>();
        for (byte[] summary : summaries) {
            Proto s = new Proto(summary);
            while (s.more()) {
                int key = (int) s.varint();
                if (key >>> 3 == 1 && (key & 7) == 2) {
                    values.add(value(step, s.bytes()));
                } else {
                    s.skip(key & 7);
                }
            }
        }
        return values;
    }

    private static Value value(long step, byte[] bytes) {
        Proto p = new Proto(bytes);
        String tag = null;
        Float scalar = null;
        Histogram histogram = null;
        while (p.more()) {
            int key = (int) p.varint();
            int field = key >>> 3;
            int wire = key & 7;
            if (field == 1 && wire == 2) {
                tag = new String(p.bytes(), StandardCharsets.UTF_8);
            } else if (field == 2 && wire == 5) {
                scalar = Float.intBitsToFloat(p.fixed32());
            } else if (field == 5 && wire == 2) {
                histogram = histogram(p.bytes());
            } else {
                p.skip(wire);
            }
        }
        return new Value(step, tag, scalar, histogram);
    }

    private static Histogram histogram(byte[] bytes) {
        Proto p = new Proto(bytes);
        double[] f = new double[5];
        while (p.more()) {
            int key = (int) p.varint();
            int field = key >>> 3;
            if (field >= 1 && field <= 5 && (key & 7) == 1) {
                f[field - 1] = Double.longBitsToDouble(p.fixed64());
            } else {
                p.skip(key & 7);
            }
        }
        return new Histogram(f[0], f[1], f[2], f[3]);
    }

    /** A cursor over protobuf wire format. */
    private static final class Proto {
        private final ByteBuffer b;

        Proto(byte[] bytes) {
            b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean more() {
            return b.hasRemaining();
        }

        long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b.get();
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
        }

        int fixed32() {
            return b.getInt();
        }

        long fixed64() {
            return b.getLong();
        }

        byte[] bytes() {
            byte[] out = new byte[Math.toIntExact(varint())];
            b.get(out);
            return out;
        }

        void skip(int wire) {
            switch (wire) {
                case 0 -> varint();
                case 1 -> b.position(b.position() + 8);
                case 2 -> bytes();
                case 5 -> b.position(b.position() + 4);
                default -> throw new IllegalStateException("wire type " + wire);
            }
        }
    }
}
