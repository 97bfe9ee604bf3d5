package dev.prune.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu;
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

    /** For example {@code DL4J 1.0.0-M2.1, ND4J native CPU (OpenBLAS 0.3.19), 1 thread}. */
    static String describe(int threads) {
        String dl4j = version("/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties");
        String backend = Nd4j.getEnvironment().isCPU() ? "native CPU" : Nd4j.getBackend().getClass().getSimpleName();
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
        out.put("nd4j", version("/META-INF/maven/org.nd4j/nd4j-native/pom.properties"));
        out.put("backend", Nd4j.getEnvironment().isCPU() ? "native CPU" : Nd4j.getBackend().getClass().getSimpleName());
        String vendor = Nd4j.factory().blas().getBlasVendor().name();
        out.put("blas", blasName(vendor));
        if (vendor.equals("OPENBLAS")) {
            out.put("blas_version", version("/META-INF/maven/org.bytedeco/openblas/pom.properties").split("-")[0]);
        }
        out.put("onednn", Boolean.toString(oneDnn()));
        out.put("threads", Integer.toString(threads));
        return out;
    }

    /** Whether libnd4j was built with oneDNN, which its conv2d and pooling ops then use. */
    static boolean oneDnn() {
        try {
            return Nd4jCpu.Environment.getInstance().isUseONEDNN();
        } catch (RuntimeException | LinkageError e) {
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
