package dev.prune.data;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fashion-MNIST (Zalando, 60,000 training and 10,000 test images of 28x28 clothing items in 10 classes),
 * found where Debian's {@code dataset-fashion-mnist} package installs it unless a folder is given.
 */
public final class FashionMnist {
    /** Dataset name used in {@link Dataset#name()} and fingerprints. */
    public static final String NAME = "fashion-mnist";
    /** Where the Debian package has always put the files; used when dpkg cannot be asked. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String PACKAGE = "dataset-fashion-mnist";
    private static final String TITLE = "Fashion-MNIST";

    private FashionMnist() {
    }

    /**
     * Where Debian's dataset-fashion-mnist package put its files: asks {@code dpkg -L} (if dpkg exists),
     * falls back to {@link #DEBIAN_DIR}; empty when neither has the four files.
     */
    public static Optional<Path> defaultDir() {
        Optional<Path> listed = dpkgDir();
        if (listed.isPresent() && IdxFolder.hasFiles(listed.get())) {
            return listed;
        }
        return IdxFolder.hasFiles(DEBIAN_DIR) ? Optional.of(DEBIAN_DIR) : Optional.empty();
    }

    /**
     * Loads Fashion-MNIST from {@code dir}, or from {@link #defaultDir()} when dir is empty; see
     * {@link IdxFolder#load} for the meaning of limit, testLimit, val and seed.
     */
    public static DataSplit load(Optional<Path> dir, int limit, int testLimit, int val, long seed)
            throws DataException {
        if (dir.isPresent()) {
            return IdxFolder.load(NAME, TITLE, dir.get(), limit, testLimit, val, seed,
                    "check the dir= path, or install Debian's " + PACKAGE + " and leave dir= out");
        }
        Path where = defaultDir().orElse(DEBIAN_DIR);
        return IdxFolder.load(NAME, TITLE, where, limit, testLimit, val, seed,
                "install Debian's " + PACKAGE + " or pass dir=\"...\"");
    }

    /** The folder dpkg lists for the package's training images, if dpkg is installed and knows the package. */
    static Optional<Path> dpkgDir() {
        if (!onPath("dpkg")) {
            return Optional.empty();
        }
        Process process = null;
        try {
            process = new ProcessBuilder("dpkg", "-L", PACKAGE)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String listing;
            try (InputStream out = process.getInputStream()) {
                listing = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return listing.lines()
                    .map(String::strip)
                    .filter(l -> l.endsWith("/train-images-idx3-ubyte.gz") || l.endsWith("/train-images-idx3-ubyte"))
                    .map(l -> Path.of(l).getParent())
                    .findFirst();
        } catch (IOException e) {
            // A broken dpkg is no reason to fail: the fixed Debian path is tried next.
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            try {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                    return true;
                }
            } catch (InvalidPathException e) {
                // A malformed PATH entry cannot hold dpkg; keep looking.
            }
        }
        return false;
    }
}
