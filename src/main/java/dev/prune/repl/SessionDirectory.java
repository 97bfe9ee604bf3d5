package dev.prune.repl;

import dev.prune.engine.NetworkSpec;
import dev.prune.interp.CycleRecord;
import dev.prune.interp.EpochRecord;
import dev.prune.interp.PhaseStart;
import dev.prune.interp.RunListener;
import dev.prune.report.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The session's run directory, made when the first network is built (a session that only looks
 * at docs leaves nothing behind): the tables of {@code prune run} as the cycles and epochs end,
 * and {@code recipe.prune} rewritten after every entry with what {@code :save} would write.
 */
final class SessionDirectory implements RunListener {
    private final Path dir;
    private final java.io.PrintWriter out;
    private RunDirectory directory;

    /** @param out where {@code report} says what it wrote */
    SessionDirectory(Path dir, java.io.PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    Path dir() {
        return dir;
    }

    boolean created() {
        return directory != null;
    }

    @Override
    public void network(NetworkSpec network, String engine) {
        if (directory == null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the run directory " + dir + ": " + e.getMessage(), e);
            }
            directory = new RunDirectory(dir);
        }
        directory.network(network, engine);
    }

    @Override
    public void phase(PhaseStart start) {
        if (directory != null) {
            directory.phase(start);
        }
    }

    @Override
    public void epochEnded(EpochRecord record, NetworkSpec network) {
        if (directory != null) {
            directory.epochEnded(record, network);
        }
    }

    @Override
    public void cycle(CycleRecord record, NetworkSpec network) {
        if (directory != null) {
            directory.cycle(record, network);
        }
    }

    @Override
    public void expectation(String claim, boolean held, String detail) {
        if (directory != null) {
            directory.expectation(claim, held, detail);
        }
    }

    @Override
    public void report(List<CycleRecord> records, NetworkSpec network) {
        if (directory == null) {
            out.println("report: nothing to write yet; the run directory is made when the first network is built");
            return;
        }
        List<String> files = directory.writeSummary();
        out.println("report: wrote " + String.join(", ", files) + " in " + dir);
        out.flush();
    }

    void recipe(String text) {
        if (directory == null) {
            return;
        }
        try {
            RunDirectory.writeAtomically(dir.resolve("recipe.prune"), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("recipe.prune") + ": " + e.getMessage(), e);
        }
    }
}
