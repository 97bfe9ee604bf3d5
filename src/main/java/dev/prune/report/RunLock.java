package dev.prune.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one writer of a run directory: an exclusive OS lock on {@code DIR/run.lock}, taken before
 * anything else is written there and released by the OS when the process ends, however it ends.
 * A second process that wants the same directory gets {@link Refused} and writes nothing.
 *
 * <p>Claiming also fixes the directory's real path: every file of the run is written under it, so
 * a symbolic link among the directory's ancestors is followed once, at the start, and never again.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "run.lock";

    /** Why a run directory cannot be used: one sentence; {@code busy} when another process holds it. */
    public static final class Refused extends RuntimeException {
        private final boolean busy;

        Refused(String message, boolean busy) {
            super(message);
            this.busy = busy;
        }

        public boolean busy() {
            return busy;
        }
    }

    private final Path given;
    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path given, Path dir, FileChannel channel, FileLock lock) {
        this.given = given;
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** The run directory as the user named it (or as it was named for them), for messages. */
    public Path given() {
        return given;
    }

    /** The run directory's real path. */
    public Path dir() {
        return dir;
    }

    /**
     * A directory for a new run: created, or an existing one that holds nothing (a lock file left by
     * a run that never wrote counts as nothing). One that holds files is another run's and refused.
     */
    public static RunLock claimNew(Path dir) {
        create(dir);
        refuseFiles(dir, dir);
        RunLock lock = take(dir);
        try {
            // Checked again under the lock: a run may have written between the first look and now.
            refuseFiles(dir, lock.dir());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock.stamp();
    }

    private static void refuseFiles(Path given, Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.anyMatch(p -> !p.getFileName().toString().equals(FILE))) {
                throw new Refused(given + " already holds files; give a new or empty directory to --out, or continue "
                        + "that run with --resume " + given, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + given + ": " + RunDirectory.reason(e), e);
        }
    }

    /**
     * A new directory {@code parent/base-<time>}, or with {@code -2}, {@code -3}… when that name is
     * taken: created atomically, so runs started at the same moment by different processes each
     * get their own.
     */
    public static RunLock claimUnique(Path parent, String base) {
        String stem = base + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            Files.createDirectories(parent);
            for (int n = 1; ; n++) {
                Path dir = parent.resolve(n == 1 ? stem : stem + "-" + n);
                try {
                    Files.createDirectory(dir);
                    return take(dir).stamp();
                } catch (FileAlreadyExistsException taken) {
                    // another run has this name: try the next one
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory in " + parent + ": "
                    + RunDirectory.reason(e), e);
        }
    }

    /**
     * Locks an existing run directory, to resume it. One that holds a symbolic link is refused: its
     * tables are cut back and rewritten, which through a link would change a file elsewhere.
     */
    public static RunLock claimExisting(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Refused(dir + " is not a directory", false);
        }
        RunLock lock = take(dir);
        try (var files = Files.walk(lock.dir(), 2)) {
            Path link = files.filter(Files::isSymbolicLink).findFirst().orElse(null);
            if (link != null) {
                lock.close();
                throw new Refused(dir.resolve(lock.dir().relativize(link)) + " is a symbolic link; a run directory "
                        + "holds only its own files, so Prune will not write through it", false);
            }
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot read " + dir + ": " + RunDirectory.reason(e), e);
        }
        return lock.stamp();
    }

    private static void create(Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run directory " + dir + ": "
                    + (e instanceof FileAlreadyExistsException ? "not a directory" : RunDirectory.reason(e)), e);
        }
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw new Refused(dir + " exists and is not a directory; give a directory to --out", false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + dir + ": " + RunDirectory.reason(e), e);
        }
    }

    private static RunLock take(Path dir) {
        Path real;
        FileChannel channel = null;
        try {
            real = dir.toRealPath();
            Path file = real.resolve(FILE);
            if (Files.isSymbolicLink(file)) {
                throw new Refused(file + " is a symbolic link; a run directory holds only its own files", false);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new Refused(dir + " is being written by another prune process" + holder
                        + "; wait for it to end or give another --out", true);
            }
            return new RunLock(dir, real, channel, lock);
        } catch (NoSuchFileException e) {
            throw new Refused(dir + " does not exist", false);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the run directory " + dir + ": " + RunDirectory.reason(e), e);
        }
    }

    /** Writes this process's id into the lock file, for the sentence a second process prints. */
    private RunLock stamp() {
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + RunDirectory.reason(e), e);
        }
    }

    /** " (pid N)" from the lock file, or nothing when it cannot be read. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(24);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }

    /** Releases the lock; the lock file stays (removing it would let a waiting process lock a deleted file). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // the OS releases it when the channel closes
        }
        closeQuietly(channel);
    }
}
