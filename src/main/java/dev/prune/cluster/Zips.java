package dev.prune.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Run directories as zip bytes, the form in which they travel between worker and submitter. */
final class Zips {
    private Zips() {
    }

    /** Every regular file under {@code dir} but the lock and temporary files, by relative path. */
    static byte[] zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                if (name.equals("run.lock") || name.endsWith(".tmp")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(name));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Writes the files of {@code zip} under {@code dir}, which must not exist yet. */
    static void unzip(byte[] zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || e.isDirectory()) {
                    continue; // a name that climbs out of the directory is never written
                }
                Files.createDirectories(target.getParent());
                copy(in, target);
            }
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        try (var out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
    }

    /** Copies a directory tree (regular files only), for a still moment of a directory that keeps changing. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = from.relativize(p).toString();
                if (name.equals("run.lock") || name.endsWith(".tmp")) {
                    continue;
                }
                Path target = to.resolve(name);
                Files.createDirectories(target.getParent());
                try {
                    Files.copy(p, target);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // Deleted while copying (an older checkpoint file): the checkpoint check decides.
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
