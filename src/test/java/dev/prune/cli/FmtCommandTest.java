package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmtCommandTest {
    @TempDir
    Path dir;

    @Test
    void checkListsWhatWouldChangeAndExitsOneWithoutWriting() throws IOException {
        Path messy = dir.resolve("messy.prune");
        Path tidy = dir.resolve("tidy.prune");
        Files.writeString(messy, "seed  1;model lenet_300_100\n");
        Files.writeString(tidy, "seed 1\n");
        CliTest.Result r = CliTest.prune("fmt", "--check", messy.toString(), tidy.toString());
        assertEquals(Main.RUN_FAILED, r.code());
        assertEquals("would reformat " + messy + "\n", r.out());
        assertEquals("seed  1;model lenet_300_100\n", Files.readString(messy));
        assertEquals(Main.OK, CliTest.prune("fmt", "--check", tidy.toString()).code());
    }

    @Test
    void fmtRewritesInPlaceOnce() throws IOException {
        Path messy = dir.resolve("messy.prune");
        Files.writeString(messy, "seed  1;model lenet_300_100 # note\n");
        CliTest.Result r = CliTest.prune("fmt", messy.toString());
        assertEquals(Main.OK, r.code());
        assertEquals("formatted " + messy + "\n", r.out());
        assertEquals("seed 1; model lenet_300_100 # note\n", Files.readString(messy));
        assertEquals("", CliTest.prune("fmt", messy.toString()).out(), "already canonical: nothing to say");
    }

    @Test
    void syntaxErrorsAreReportedAndTheFileIsLeftAlone() throws IOException {
        Path bad = dir.resolve("bad.prune");
        Files.writeString(bad, "prune l1 by\n");
        CliTest.Result r = CliTest.prune("fmt", bad.toString());
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertTrue(r.err().startsWith(bad + ":1:"), r.err());
        assertEquals("prune l1 by\n", Files.readString(bad));
    }
}
