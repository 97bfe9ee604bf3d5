package dev.prune.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A recipe's text and the name it is shown under in diagnostics. Identity, not content, is equality. */
public final class SourceFile {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Text that starts at line {@code firstLine} of a longer input (an entry of a piped REPL
     * session): positions in it are lines of that input. The lines before it read as blank.
     */
    public static SourceFile at(String name, String text, int firstLine) {
        return new SourceFile(name, "\n".repeat(Math.max(0, firstLine - 1)) + text);
    }

    /** The largest recipe read: far above any real recipe, far below what could exhaust memory. */
    public static final long MAX_BYTES = 1 << 20;

    /**
     * Reads a recipe through its real path. A directory, device or FIFO (which would block or
     * never end), a file over {@link #MAX_BYTES}, and bytes that are not UTF-8 are refused with an
     * {@link IOException} whose message is the reason, with the line and column of a bad byte.
     */
    public static SourceFile read(Path path) throws IOException {
        Path real = path.toRealPath();
        if (!Files.isRegularFile(real)) {
            throw new IOException("it is not a regular file" + (real.equals(path.toAbsolutePath().normalize())
                    ? "" : " (it leads to " + real + ")"));
        }
        long size = Files.size(real);
        if (size > MAX_BYTES) {
            throw new IOException("it is " + size + " bytes; a recipe may be at most " + MAX_BYTES + " bytes");
        }
        byte[] bytes;
        try (var in = Files.newInputStream(real)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException("it is over " + MAX_BYTES + " bytes; a recipe may be at most " + MAX_BYTES + " bytes");
        }
        return new SourceFile(path.toString(), decode(bytes));
    }

    private static String decode(byte[] bytes) throws IOException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            String before = out.flip().toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw new IOException(String.format("byte 0x%02x at line %d, column %d is not UTF-8; save the recipe "
                    + "as UTF-8", bytes[in.position()] & 0xff, line, column));
        }
        return out.flip().toString();
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** Line {@code line} (1-based) without its line terminator. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    @Override
    public String toString() {
        return name;
    }
}
