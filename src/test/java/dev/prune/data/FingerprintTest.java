package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void bytesMatchKnownSha256() {
        assertEquals(SHA256_ABC, Fingerprint.ofBytes("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(SHA256_ABC, Fingerprint.ofBytes("a".getBytes(StandardCharsets.US_ASCII),
                "bc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void filesAreHashedInNameOrderAsOneStream() throws DataException {
        Path b = IdxFiles.write(dir.resolve("b"), "bc".getBytes(StandardCharsets.US_ASCII));
        Path a = IdxFiles.write(dir.resolve("a"), "a".getBytes(StandardCharsets.US_ASCII));
        assertEquals(SHA256_ABC, Fingerprint.ofFiles(List.of(b, a)));
        assertEquals(SHA256_ABC, Fingerprint.ofFiles(List.of(a, b)));
        IdxFiles.write(a, "A".getBytes(StandardCharsets.US_ASCII));
        assertNotEquals(SHA256_ABC, Fingerprint.ofFiles(List.of(a, b)));
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("gone");
        String m = assertThrows(DataException.class, () -> Fingerprint.ofFiles(List.of(missing))).getMessage();
        assertTrue(m.startsWith(missing.toString()), m);
    }
}
