package io.cnnga.dataset.cifar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CifarBatchReaderTest {

    private static CifarBatch read(byte[] bytes, CifarFormat format) {
        return CifarBatchReader.read(new CifarMember("batch.bin", Path.of("batch.bin"), null,
                new ByteArrayInputStream(bytes), bytes.length), format);
    }

    @Test
    void planarRecordsBecomeRowMajorRgbTriples() {
        byte[] record = new byte[1 + 3072];
        record[0] = 7;
        // Everywhere red 1, green 2, blue 3; at row 1, column 2 red 10, green 20, blue 30.
        Arrays.fill(record, 1, 1 + 1024, (byte) 1);
        Arrays.fill(record, 1 + 1024, 1 + 2048, (byte) 2);
        Arrays.fill(record, 1 + 2048, 1 + 3072, (byte) 3);
        int at = 1 * 32 + 2;
        record[1 + at] = 10;
        record[1 + 1024 + at] = 20;
        record[1 + 2048 + at] = (byte) 200;

        CifarBatch batch = read(record, CifarFormat.cifar10());

        assertThat(batch.labels()).containsExactly(7);
        byte[] p = batch.pixels();
        int nhwc = (1 * 32 + 2) * 3;
        assertThat(new int[] {p[nhwc], p[nhwc + 1], p[nhwc + 2] & 0xFF}).containsExactly(10, 20, 200);
        int transposed = (2 * 32 + 1) * 3;
        assertThat(new int[] {p[transposed], p[transposed + 1], p[transposed + 2]}).containsExactly(1, 2, 3);
        assertThat(new int[] {p[0], p[1], p[2]}).containsExactly(1, 2, 3);
        assertThat(new int[] {p[3071 - 2], p[3071 - 1], p[3071]}).containsExactly(1, 2, 3);
    }

    @Test
    void everyPixelOfEveryRecordLandsInItsPlace() {
        CifarBatch batch = read(CifarTestFiles.cifar10Batch(3, 4), CifarFormat.cifar10());

        assertThat(batch.labels()).containsExactly(3, 4, 5, 6);
        for (int i = 0; i < 4; i++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(batch.pixels()[((i * 32 + y) * 32 + x) * 3 + c] & 0xFF)
                                .isEqualTo(CifarTestFiles.pixel(3 + i, y, x, c));
                    }
                }
            }
        }
    }

    @Test
    void cifar100RecordsCarryCoarseThenFineLabels() {
        byte[] bytes = CifarTestFiles.cifar100Batch(0, 30);

        CifarBatch fine = read(bytes, CifarFormat.cifar100(false));
        CifarBatch coarse = read(bytes, CifarFormat.cifar100(true));

        for (int i = 0; i < 30; i++) {
            assertThat(fine.labels()[i]).isEqualTo(CifarTestFiles.fineLabel(i));
            assertThat(coarse.labels()[i]).isEqualTo(CifarTestFiles.coarseLabel(i));
        }
        assertThat(fine.pixels()).isEqualTo(coarse.pixels());
        assertThat(fine.pixels()[3 * 3072 + 5] & 0xFF).isEqualTo(CifarTestFiles.pixel(3, 0, 1, 2));
    }
}
