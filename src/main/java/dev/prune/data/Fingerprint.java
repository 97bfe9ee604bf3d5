package dev.prune.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 fingerprints recorded in run manifests. The files are hashed as one concatenated
 * stream, so the value can be checked from a shell with {@code cat <files sorted by name> | sha256sum}.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** SHA-256 over the bytes of the given files, sorted by file name (then full path), as lower-case hex. */
    public static String ofFiles(List<Path> files) throws DataException {
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing((Path p) -> String.valueOf(p.getFileName())).thenComparing(Path::toString));
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        for (Path file : sorted) {
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            } catch (NoSuchFileException e) {
                throw new DataException(file + " does not exist, so it cannot be fingerprinted; check the path", e);
            } catch (IOException e) {
                throw new DataException("cannot read " + file + " to fingerprint it (" + e.getMessage()
                        + "); check that the file is readable", e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 over the concatenation of the given byte arrays, as lower-case hex. */
    public static String ofBytes(byte[]... parts) {
        MessageDigest digest = sha256();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException(e);
        }
    }
}
