package dev.prune.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Facts about the machine a run used: what can make the same recipe give other numbers elsewhere. */
final class Machine {
    private Machine() {
    }

    static Map<String, Object> facts() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.put("cpu", cpuModel(Path.of("/proc/cpuinfo")));
        out.put("cpus", Runtime.getRuntime().availableProcessors());
        out.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return out;
    }

    /** The first "model name" of /proc/cpuinfo (other fields on other architectures), or the OS's arch. */
    static String cpuModel(Path cpuinfo) {
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            for (String key : List.of("model name", "Model", "Hardware", "cpu model", "Processor")) {
                for (String line : lines) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                        return line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: the architecture is the best we know.
        }
        return "unknown (" + System.getProperty("os.arch") + ")";
    }
}
