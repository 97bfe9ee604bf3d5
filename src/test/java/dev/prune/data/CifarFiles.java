package dev.prune.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small files in the binary CIFAR formats, since the real ones cannot be downloaded here.
 * Record r of a file has label {@code r % classes} and pixel i of channel c equal to
 * {@code pixel(label, c, i, r)}: each class has its own colour and stripe, varied by position and record, so a
 * small network can learn it and a reader that misplaces a byte gets the wrong values.
 */
public final class CifarFiles {
    private CifarFiles() {
    }

    /** The pixel byte (0..255) a record holds, before scaling to [0,1]. */
    public static int pixel(int label, int channel, int i, int record) {
        int stripe = ((i / 32) + label) % 4 == 0 ? 120 : 0;
        int colour = (label * 37 + channel * 71) % 100;
        return (colour + stripe + (i * 7 + record * 13 + channel) % 30) & 0xff;
    }

    /** CIFAR-10: {@code perBatch} records in each of the five training batches, {@code test} in the test batch. */
    public static Path cifar10(Path dir, int perBatch, int test) throws IOException {
        Files.createDirectories(dir);
        for (int b = 1; b <= 5; b++) {
            Files.write(dir.resolve("data_batch_" + b + ".bin"), records(perBatch, 10, 0, 1, b * 1000));
        }
        Files.write(dir.resolve("test_batch.bin"), records(test, 10, 0, 1, 0));
        return dir;
    }

    /** CIFAR-100: coarse label {@code fine % 20}, fine label {@code r % 100}. */
    public static Path cifar100(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train.bin"), records(train, 100, 20, 2, 0));
        Files.write(dir.resolve("test.bin"), records(test, 100, 20, 2, 7));
        return dir;
    }

    /**
     * {@code n} records of {@code labelBytes} label bytes (coarse first when two) and 3072 pixels;
     * the fine label of record r is {@code (r + offset) % classes}.
     */
    static byte[] records(int n, int classes, int coarse, int labelBytes, int offset) {
        int size = labelBytes + Cifar.PIXELS;
        byte[] out = new byte[n * size];
        for (int r = 0; r < n; r++) {
            int label = (r + offset) % classes;
            int at = r * size;
            if (labelBytes == 2) {
                out[at] = (byte) (label % coarse);
                out[at + 1] = (byte) label;
            } else {
                out[at] = (byte) label;
            }
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 1024; i++) {
                    out[at + labelBytes + c * 1024 + i] = (byte) pixel(label, c, i, r + offset);
                }
            }
        }
        return out;
    }
}
