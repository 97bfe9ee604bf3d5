package dev.prune.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests; pixel (i, p) is (i * 7 + p) % 256 so every row is recognisable. */
final class IdxFiles {
    private IdxFiles() {
    }

    static byte[] images(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(Idx.IMAGE_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                b.put((byte) pixel(i, p));
            }
        }
        return b.array();
    }

    static byte[] labels(int count, int classes) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(Idx.LABEL_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % classes));
        }
        return b.array();
    }

    static int pixel(int row, int p) {
        return (row * 7 + p) % 256;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] data) {
        try {
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the four MNIST-format files into dir, gzipped or raw. */
    static void folder(Path dir, int train, int test, boolean gz) {
        String suffix = gz ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + suffix), maybeGzip(images(train, 4, 3), gz));
        write(dir.resolve("train-labels-idx1-ubyte" + suffix), maybeGzip(labels(train, 10), gz));
        write(dir.resolve("t10k-images-idx3-ubyte" + suffix), maybeGzip(images(test, 4, 3), gz));
        write(dir.resolve("t10k-labels-idx1-ubyte" + suffix), maybeGzip(labels(test, 10), gz));
    }

    private static byte[] maybeGzip(byte[] data, boolean gz) {
        return gz ? gzip(data) : data;
    }
}
