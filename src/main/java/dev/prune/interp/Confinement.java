package dev.prune.interp;

import dev.prune.source.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code save} and {@code compact} may write, judged by real paths at the moment of writing:
 * the checker judged the path as written, but a symbolic link inside the run directory or inside an
 * {@code --allow-write} tree could lead out of it. The deepest existing folder on the way must
 * really lie in an allowed tree, the folders below it are created new, and the file itself may not
 * be a link.
 */
final class Confinement {
    private final List<Path> roots;

    /** {@code outDir} and the trees the command line allows. */
    Confinement(Path outDir, List<Path> allowed) {
        roots = new ArrayList<>();
        roots.add(outDir);
        roots.addAll(allowed);
    }

    /** The file to write for {@code path}, its folders created; a positioned failure when it would escape. */
    Path target(Span span, Path outDir, String path) {
        Path file = outDir.toAbsolutePath().resolve(path).normalize();
        try {
            if (!inside(real(file))) {
                throw escape(span, path, "its folder leads out of the run directory through a symbolic link");
            }
            if (Files.isSymbolicLink(file)) {
                throw escape(span, path, file.getFileName() + " is a symbolic link");
            }
            Files.createDirectories(file.getParent());
            return file;
        } catch (IOException e) {
            throw new RunFailure(span, "cannot write " + path + ": " + e.getMessage());
        }
    }

    /**
     * Where a path really leads: the real path of its deepest existing folder, with the names below
     * it that do not exist yet (they will be created as plain folders, so they cannot lead elsewhere).
     */
    private static Path real(Path absolute) throws IOException {
        Path existing = absolute.getParent();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        return existing.toRealPath().resolve(existing.relativize(absolute));
    }

    private boolean inside(Path real) throws IOException {
        for (Path root : roots) {
            Path r = root.toAbsolutePath().normalize();
            // The trees themselves are followed once, as the command line named them; links inside are not.
            Path realRoot = Files.exists(r) ? r.toRealPath() : real(r);
            if (real.startsWith(realRoot)) {
                return true;
            }
        }
        return false;
    }

    private static RunFailure escape(Span span, String path, String why) {
        return new RunFailure(span, "refusing to write " + path + ": " + why + "; Prune writes only inside the run "
                + "directory and the paths --allow-write names");
    }
}
