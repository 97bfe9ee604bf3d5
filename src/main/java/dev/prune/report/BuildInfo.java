package dev.prune.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The git commit Prune was built from, recorded by the build ({@code exec-maven-plugin} runs
 * {@link #main} after compiling) in {@code prune-build.properties} on the classpath, so a run
 * directory names the exact code that made it. "unknown" outside a git checkout; a build from a
 * checkout with uncommitted changes records the commit with "-dirty".
 */
public final class BuildInfo {
    static final String RESOURCE = "/prune-build.properties";

    private BuildInfo() {}

    /** The recorded commit, or "unknown". */
    public static String commit() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("commit", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@code BuildInfo BASEDIR OUTFILE}: writes the commit of the checkout at BASEDIR. */
    public static void main(String[] args) throws IOException {
        Path base = Path.of(args[0]);
        String commit = git(base, "rev-parse", "HEAD");
        if (commit == null || !commit.matches("[0-9a-f]{40}")) {
            commit = "unknown";
        } else {
            String status = git(base, "status", "--porcelain", "--untracked-files=no");
            if (status != null && !status.isBlank()) {
                commit += "-dirty";
            }
        }
        Path out = Path.of(args[1]);
        String text = "commit=" + commit + "\n";
        if (!Files.exists(out) || !Files.readString(out).equals(text)) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
    }

    /** The output of a git command, or null when git is missing or fails. */
    private static String git(Path base, String... args) {
        try {
            String[] command = new String[args.length + 3];
            command[0] = "git";
            command[1] = "-C";
            command[2] = base.toString();
            System.arraycopy(args, 0, command, 3, args.length);
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
