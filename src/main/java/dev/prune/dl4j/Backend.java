package dev.prune.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Process-wide ND4J settings and facts. The thread count is global to ND4J, not per network, and
 * it changes floating-point summation order: results are bit-identical only for the same count,
 * which is why it is pinned explicitly and recorded with every run.
 */
final class Backend {
    private Backend() {
    }

    /**
     * Pins ND4J's own loops, the OpenMP runtime and the BLAS library to {@code threads} threads.
     * The OpenMP call matters: some native ops open OpenMP regions at the runtime's default size
     * (the core count) whatever ND4J's limit says, and the idle worker then spins between regions.
     * Without it, one pinned thread ran LeNet-300-100 about 1.6x slower than with the environment
     * variable OMP_NUM_THREADS=1, with bit-identical results either way.
     */
    static void pinThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /**
     * For example {@code DL4J 1.0.0-M2.1, ND4J native CPU (OpenBLAS 0.3.19, oneDNN), 1 thread}, or
     * on the {@code cuda} build {@code ND4J CUDA on NVIDIA A100 (cuBLAS)}.
     */
    static String describe(int threads) {
        String dl4j = version("/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties");
        String backend = cpu() ? "native CPU" : "CUDA on " + device();
        String vendor = Nd4j.factory().blas().getBlasVendor().name();
        String blas = blasName(vendor);
        if (vendor.equals("OPENBLAS")) {
            // The JavaCPP preset's version is "<openblas>-<javacpp>", e.g. 0.3.19-1.5.7.
            String preset = version("/META-INF/maven/org.bytedeco/openblas/pom.properties");
            blas += preset.startsWith("(") ? "" : " " + preset.split("-")[0];
        }
        return "DL4J " + dl4j + ", ND4J " + backend + " (" + blas + (oneDnn() ? ", oneDNN" : "") + "), " + threads
                + (threads == 1 ? " thread" : " threads");
    }

    /** The parts of {@link #describe} one by one, for manifests that compare runs field by field. */
    static Map<String, String> provenance(int threads) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("dl4j", version("/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties"));
        out.put("nd4j", version("/META-INF/maven/org.nd4j/" + (cpu() ? "nd4j-native" : "nd4j-cuda-11.6")
                + "/pom.properties"));
        out.put("backend", cpu() ? "native CPU" : "CUDA");
        out.put("device", device());
        String vendor = Nd4j.factory().blas().getBlasVendor().name();
        out.put("blas", blasName(vendor));
        if (vendor.equals("OPENBLAS")) {
            out.put("blas_version", version("/META-INF/maven/org.bytedeco/openblas/pom.properties").split("-")[0]);
        }
        out.put("onednn", Boolean.toString(oneDnn()));
        out.put("threads", Integer.toString(threads));
        return out;
    }

    /** Whether ND4J runs on the CPU backend, the default build; the {@code cuda} Maven profile swaps it for CUDA. */
    static boolean cpu() {
        return Nd4j.getEnvironment().isCPU();
    }

    /**
     * The device the arrays live on: {@code CPU}, or the GPU's name as the CUDA backend reports it
     * (its environment information, a list of devices with their names), else {@code GPU}.
     */
    static String device() {
        if (cpu()) {
            return "CPU";
        }
        try {
            Object devices = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
            if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first
                    && first.get("cuda.deviceName") != null) {
                return first.get("cuda.deviceName") + (list.size() > 1 ? " (+" + (list.size() - 1) + ")" : "");
            }
        } catch (RuntimeException e) {
            // Fall through: the name is a courtesy, the backend still runs.
        }
        return "GPU";
    }

    /**
     * Whether libnd4j was built with oneDNN, which its conv2d and pooling ops then use. Read by
     * reflection: the class belongs to the CPU backend, which the {@code cuda} build does not have.
     */
    static boolean oneDnn() {
        if (!cpu()) {
            return false;
        }
        try {
            Class<?> environment = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object instance = environment.getMethod("getInstance").invoke(null);
            return (Boolean) environment.getMethod("isUseONEDNN").invoke(instance);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String blasName(String vendor) {
        return switch (vendor) {
            case "OPENBLAS" -> "OpenBLAS";
            case "MKL" -> "MKL";
            case "CUBLAS" -> "cuBLAS";
            default -> vendor.toLowerCase(Locale.ROOT);
        };
    }

    // The jar manifests carry no version; Maven's pom.properties inside each jar does.
    private static String version(String resource) {
        try (InputStream in = ComputationGraph.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "(unknown version)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "(unknown version)";
        }
    }
}
