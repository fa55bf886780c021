package io.cnnga.dataset.cifar;

import java.io.IOException;

/**
 * Reads one CIFAR batch file of fixed-size records and turns its channel-planar images into NHWC.
 *
 * <pre>{@code
 * CifarBatch batch = CifarBatchReader.read(member, CifarFormat.cifar10());
 * // record i: byte 0 label, bytes 1..1024 red plane, 1025..2048 green, 2049..3072 blue
 * // batch.pixels()[(i * 1024 + y * 32 + x) * 3 + c]
 * }</pre>
 *
 * <p>Every label byte is checked against its class count, also the one this dataset does not use
 * (a bad coarse label means a damaged record even when fine labels are read).
 */
final class CifarBatchReader {

    /** Records read per call to the stream: large enough to keep the stream busy, small in memory. */
    private static final int RECORDS_PER_READ = 256;
    private static final String DAMAGED = "; the file is damaged or incomplete, download it again";

    private CifarBatchReader() {
    }

    static CifarBatch read(CifarMember member, CifarFormat format) {
        int recordBytes = format.recordBytes();
        long size = member.size();
        if (size == 0) {
            throw member.invalid("is empty; expected " + format.title() + " " + format.recordLayout() + DAMAGED);
        }
        if (size % recordBytes != 0) {
            long complete = size / recordBytes;
            throw member.invalid("size " + size + " is not a multiple of " + recordBytes + ": the record at byte "
                    + complete * recordBytes + " is incomplete (" + format.title() + " has " + format.recordLayout()
                    + ")" + DAMAGED);
        }
        long count = size / recordBytes;
        if (count * CifarFormat.PIXELS > CifarMemoryCheck.MAX_ARRAY) {
            throw member.invalid("holds " + count + " images, more than one Java array holds");
        }
        int images = (int) count;
        byte[] pixels = new byte[images * CifarFormat.PIXELS];
        int[] labels = new int[images];
        int labelBytes = format.labelClasses().size();
        byte[] buffer = new byte[RECORDS_PER_READ * recordBytes];
        for (int first = 0; first < images; first += RECORDS_PER_READ) {
            int records = Math.min(RECORDS_PER_READ, images - first);
            long offset = (long) first * recordBytes;
            readFully(member, buffer, records * recordBytes, offset);
            for (int r = 0; r < records; r++) {
                int record = r * recordBytes;
                int image = first + r;
                for (int l = 0; l < labelBytes; l++) {
                    int label = buffer[record + l] & 0xFF;
                    int classes = format.labelClasses().get(l);
                    if (label >= classes) {
                        throw member.invalid("label " + label + " of record " + image + " at byte "
                                + (offset + record + l) + " is outside [0, " + classes + ")");
                    }
                }
                labels[image] = buffer[record + format.labelIndex()] & 0xFF;
                toNhwc(buffer, record + labelBytes, pixels, image * CifarFormat.PIXELS);
            }
        }
        return new CifarBatch(pixels, labels);
    }

    /** Interleaves the three 1024-byte planes (R, G, B) into RGB triples, pixel by pixel. */
    static void toNhwc(byte[] planar, int from, byte[] nhwc, int to) {
        int green = from + CifarFormat.PLANE;
        int blue = green + CifarFormat.PLANE;
        for (int p = 0; p < CifarFormat.PLANE; p++) {
            int at = to + p * CifarFormat.CHANNELS;
            nhwc[at] = planar[from + p];
            nhwc[at + 1] = planar[green + p];
            nhwc[at + 2] = planar[blue + p];
        }
    }

    private static void readFully(CifarMember member, byte[] buffer, int length, long offset) {
        int read;
        try {
            read = member.in().readNBytes(buffer, 0, length);
        } catch (IOException e) {
            throw member.invalid("cannot be read after byte " + offset + ": " + e.getMessage() + DAMAGED, e);
        }
        if (read < length) {
            throw member.invalid("truncated at byte " + (offset + read) + " of the " + member.size()
                    + " bytes it should have" + DAMAGED);
        }
    }
}
