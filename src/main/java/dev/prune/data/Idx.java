package dev.prune.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for the IDX format used by MNIST and Fashion-MNIST: a big-endian header (magic, then one
 * 32-bit size per dimension) followed by unsigned bytes. Files may be gzipped or raw; the content
 * decides, not the name, because downloads are often decompressed by browsers without renaming.
 */
public final class Idx {
    /** Magic of a 3-dimensional unsigned-byte file (count, rows, cols): images. */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic of a 1-dimensional unsigned-byte file (count): labels. */
    public static final int LABEL_MAGIC = 0x00000801;

    private static final String FIX = "re-download it or point dir= at the right folder";
    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            SCALE[i] = i / 255f;
        }
    }

    private Idx() {
    }

    /** Reads an IDX image file and an IDX label file (gzipped or raw), pixels scaled to [0,1]. */
    public static Dataset read(Path images, Path labels, String name, int classes) throws DataException {
        return read(images, labels, name, classes, 0);
    }

    /**
     * Like {@link #read(Path, Path, String, int)} but keeps only the first {@code limit} rows
     * ({@code limit <= 0} keeps all). The whole files are still validated, so a damaged tail is
     * reported even when it would not be used.
     */
    public static Dataset read(Path images, Path labels, String name, int classes, int limit) throws DataException {
        if (classes <= 0 || classes > 256) {
            throw new IllegalArgumentException("classes must be in 1..256, got " + classes);
        }
        Content img = Content.of(images);
        int[] dims = header(img, IMAGE_MAGIC, "image");
        int n = dims[0];
        int rows = dims[1];
        int cols = dims[2];
        long need = 16L + (long) n * rows * cols;
        if (img.data.length < need) {
            throw new DataException(images + " is truncated: header promises " + n + " images of " + rows + "x"
                    + cols + " but " + img.what() + " ends after " + img.data.length + " bytes; " + FIX);
        }
        img.checkComplete();

        Content lab = Content.of(labels);
        int labelCount = header(lab, LABEL_MAGIC, "label")[0];
        if (lab.data.length < 8L + labelCount) {
            throw new DataException(labels + " is truncated: header promises " + labelCount + " labels but "
                    + lab.what() + " ends after " + lab.data.length + " bytes; " + FIX);
        }
        lab.checkComplete();
        if (labelCount != n) {
            throw new DataException(images + " has " + n + " images but " + labels + " has " + labelCount
                    + " labels; use an image file and a label file from the same download");
        }

        int keep = limit <= 0 ? n : Math.min(limit, n);
        int[] y = new int[keep];
        for (int i = 0; i < n; i++) {
            int label = lab.data[8 + i] & 0xff;
            if (label >= classes) {
                throw new DataException(labels + " has label " + label + " at row " + i + " but " + name
                        + " has only " + classes + " classes (0-" + (classes - 1) + "); " + FIX);
            }
            if (i < keep) {
                y[i] = label;
            }
        }
        float[] x = new float[Math.multiplyExact(keep, rows * cols)];
        byte[] pixels = img.data;
        for (int i = 0; i < x.length; i++) {
            x[i] = SCALE[pixels[16 + i] & 0xff];
        }
        return new Dataset(name, x, y, keep, 1, rows, cols, classes);
    }

    /** Checks magic and sizes; returns the dimension sizes. */
    private static int[] header(Content c, int magic, String kind) throws DataException {
        int dimCount = magic & 0xff;
        byte[] d = c.data;
        if (c.cutShort && d.length < 4 + 4 * dimCount) {
            c.checkComplete();
        }
        if (d.length < 4) {
            throw new DataException(c.path + " is not an IDX " + kind + " file (only " + d.length
                    + " bytes, expected at least a 4-byte magic " + hex(magic) + "); " + FIX);
        }
        int found = readInt(d, 0);
        if (found != magic) {
            String detail = "";
            if (found == (magic ^ (IMAGE_MAGIC ^ LABEL_MAGIC))) {
                detail = "; that is the " + (kind.equals("image") ? "label" : "image")
                        + "-file magic, so images and labels look swapped";
            } else if ((found >>> 8) == 0x08) {
                detail = "; that means " + (found & 0xff) + " dimensions instead of " + dimCount;
            } else if ((found >>> 16) == 0x1f8b) {
                detail = "; it looks gzipped twice";
            }
            throw new DataException(c.path + " is not an IDX " + kind + " file (magic " + hex(found)
                    + ", expected " + hex(magic) + detail + "); " + FIX);
        }
        int headerBytes = 4 + 4 * dimCount;
        if (d.length < headerBytes) {
            throw new DataException(c.path + " is truncated: it ends after " + d.length + " bytes, inside the "
                    + headerBytes + "-byte IDX header; " + FIX);
        }
        int[] dims = new int[dimCount];
        for (int i = 0; i < dimCount; i++) {
            dims[i] = readInt(d, 4 + 4 * i);
            if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
                throw new DataException(c.path + " has an impossible size " + dims[i] + " in dimension " + i
                        + " of its IDX header; " + FIX);
            }
        }
        return dims;
    }

    private static int readInt(byte[] d, int at) {
        return (d[at] & 0xff) << 24 | (d[at + 1] & 0xff) << 16 | (d[at + 2] & 0xff) << 8 | (d[at + 3] & 0xff);
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    /** The bytes of a file after undoing gzip, remembering whether the gzip stream ended early. */
    private record Content(Path path, byte[] data, boolean gzipped, boolean cutShort) {

        static Content of(Path path) throws DataException {
            byte[] raw;
            try {
                raw = Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                throw new DataException(path + " does not exist; " + FIX, e);
            } catch (IOException e) {
                throw new DataException("cannot read " + path + " (" + e.getMessage() + "); check that it is a"
                        + " readable file", e);
            } catch (OutOfMemoryError e) {
                throw new DataException(path + " is too large to load into memory; give the JVM more heap with -Xmx", e);
            }
            if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
                return new Content(path, raw, false, false);
            }
            return gunzip(path, raw);
        }

        private static Content gunzip(Path path, byte[] raw) throws DataException {
            // The gzip trailer holds the uncompressed size mod 2^32; a good first guess for the buffer.
            long hint = raw.length >= 4 ? (raw[raw.length - 4] & 0xffL) | (raw[raw.length - 3] & 0xffL) << 8
                    | (raw[raw.length - 2] & 0xffL) << 16 | (raw[raw.length - 1] & 0xffL) << 24 : 0;
            byte[] out = new byte[(int) Math.max(1 << 16, Math.min(hint + 1, 1L << 30))];
            int len = 0;
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
                for (int n; (n = in.read(out, len, out.length - len)) >= 0; ) {
                    len += n;
                    if (len == out.length) {
                        if (out.length >= Integer.MAX_VALUE - 16) {
                            throw new DataException(path + " decompresses to more than 2 GB, which is not an"
                                    + " MNIST-sized IDX file; " + FIX);
                        }
                        out = Arrays.copyOf(out, (int) Math.min(2L * out.length, Integer.MAX_VALUE - 16));
                    }
                }
            } catch (EOFException e) {
                return new Content(path, Arrays.copyOf(out, len), true, true);
            } catch (ZipException e) {
                throw new DataException(path + " starts like a gzip file but cannot be decompressed ("
                        + e.getMessage() + "); " + FIX, e);
            } catch (IOException e) {
                throw new DataException("cannot decompress " + path + " (" + e.getMessage() + "); " + FIX, e);
            }
            return new Content(path, Arrays.copyOf(out, len), true, false);
        }

        String what() {
            return gzipped ? "its decompressed data" : "the file";
        }

        /** A header can be satisfied by a gzip stream cut inside its trailer; the data is still suspect. */
        void checkComplete() throws DataException {
            if (cutShort) {
                throw new DataException(path + " is truncated: its gzip stream ends early after " + data.length
                        + " decompressed bytes; " + FIX);
            }
        }
    }
}
