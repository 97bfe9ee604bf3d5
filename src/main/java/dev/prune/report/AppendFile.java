package dev.prune.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file that grows by whole lines. A write that fails half-way (disk full) is cut back to the
 * last whole line, so the file never ends in a fragment that looks like a short row; a resumed
 * run cuts it back to the length its checkpoint recorded. It is opened without following a
 * symbolic link, so a link planted in its place is an error, not a way to write elsewhere.
 */
final class AppendFile {
    private final Path file;

    AppendFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    String name() {
        return file.getFileName().toString();
    }

    /** Current length in bytes; 0 when the file does not exist yet. */
    long length() {
        try {
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    boolean isEmpty() {
        return length() == 0;
    }

    /** Starts the file over with {@code text}. */
    void replace(String text) {
        truncate(0);
        append(text);
    }

    void append(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            long before = channel.size();
            try {
                channel.position(before);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                cutBack(channel, before);
                throw e;
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Cuts the file back to {@code length} bytes (a no-op when it is not longer). */
    void truncate(long length) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && length == 0) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            channel.truncate(length);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static void cutBack(FileChannel channel, long length) {
        try {
            channel.truncate(length);
        } catch (IOException ignored) {
            // The write already failed and is reported; a fragment we cannot remove stays visible.
        }
    }

    private UncheckedIOException failure(IOException e) {
        return new UncheckedIOException("cannot write " + file + ": " + RunDirectory.reason(e), e);
    }
}
