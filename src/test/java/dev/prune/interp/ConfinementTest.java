package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.source.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save and compact write by real paths: no link leads them out of the run directory or an allowed tree. */
class ConfinementTest {
    @TempDir
    Path tmp;

    @Test
    void aLinkedFolderInTheRunDirectoryCannotLeadOut() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(run.resolve("link"), outside);
        Confinement c = new Confinement(run, List.of());
        RunFailure f = assertThrows(RunFailure.class, () -> c.target(Span.none(), run, "link/x.zip"));
        assertEquals("refusing to write link/x.zip: its folder leads out of the run directory through a symbolic "
                + "link; Prune writes only inside the run directory and the paths --allow-write names", f.getMessage());
        assertFalse(Files.exists(outside.resolve("x.zip")));
        assertThrows(RunFailure.class, () -> c.target(Span.none(), run, "link/deeper/x.zip"));
        assertFalse(Files.exists(outside.resolve("deeper")), "no folder is created outside");
    }

    @Test
    void aLinkInAnAllowedTreeCannotLeadOutOfIt() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(shared.resolve("link"), outside);
        Confinement c = new Confinement(run, List.of(shared));
        assertEquals(shared.resolve("sub").resolve("m.zip"), c.target(Span.none(), run, "../shared/sub/m.zip"));
        assertTrue(Files.isDirectory(shared.resolve("sub")));
        assertThrows(RunFailure.class, () -> c.target(Span.none(), run, "../shared/link/m.zip"));
    }

    @Test
    void aLinkInTheFilesOwnPlaceIsRefused() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path victim = Files.writeString(tmp.resolve("victim"), "keep");
        Files.createSymbolicLink(run.resolve("model.zip"), victim);
        RunFailure f = assertThrows(RunFailure.class,
                () -> new Confinement(run, List.of()).target(Span.none(), run, "model.zip"));
        assertTrue(f.getMessage().contains("model.zip is a symbolic link"), f.getMessage());
        assertEquals("keep", Files.readString(victim));
    }

    /** An allowed tree is followed once as the command line names it: a link to a folder, or a folder not made yet. */
    @Test
    void anAllowedTreeNamedByALinkOrNotYetMadeTakesWrites() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path named = Files.createSymbolicLink(tmp.resolve("named"), real);
        Path later = tmp.resolve("later");
        Confinement c = new Confinement(run, List.of(named, later));
        assertEquals(named.resolve("m.zip"), c.target(Span.none(), run, "../named/m.zip"));
        assertEquals(later.resolve("sub").resolve("m.zip"), c.target(Span.none(), run, "../later/sub/m.zip"));
        assertTrue(Files.isDirectory(later.resolve("sub")), "its folders are made");
    }
}
