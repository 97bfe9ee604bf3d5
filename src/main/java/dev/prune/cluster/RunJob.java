package dev.prune.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.topic.ITopic;
import dev.prune.report.Checkpoints;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One run of a study, sent to a worker: it checks that the worker has the data the submitter has,
 * runs {@code prune run} in a child process in a directory of its own (from the start, or with
 * {@code --resume} from the run directory it was given), sends the run directory to the submitter
 * after every checkpoint, and returns it zipped at the end.
 * The recipe travels as text with its imports inlined, so the worker needs no files from the
 * submitter; the data's fingerprint is null when the submitter does not have the data itself.
 */
final class RunJob implements Callable<JobResult>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;
    /** How often the worker looks for a new checkpoint to send. */
    private static final long POLL_MILLIS = 300;

    final String study;
    final String run;
    final int attempt;
    private final String recipeName;
    private final String recipe;
    private final Long seed;
    private final Map<String, String> sets;
    private final int threads;
    private final String fingerprint;
    private final byte[] resume;
    private transient HazelcastInstance member;

    RunJob(String study, String run, int attempt, String recipeName, String recipe, Long seed,
           Map<String, String> sets, int threads, String fingerprint, byte[] resume) {
        this.study = study;
        this.run = run;
        this.attempt = attempt;
        this.recipeName = recipeName;
        this.recipe = recipe;
        this.seed = seed;
        this.sets = new java.util.LinkedHashMap<>(sets);
        this.threads = threads;
        this.fingerprint = fingerprint;
        this.resume = resume;
    }

    /** True when the job continues a run directory rather than starting one. */
    boolean resumes() {
        return resume != null;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.member = member;
    }

    @Override
    public JobResult call() throws Exception {
        WorkerContext ctx = (WorkerContext) member.getUserContext().get(Hazelcast.CONTEXT);
        Path home = Files.createDirectories(ctx.work().resolve(study));
        Path jobDir = Files.createTempDirectory(home, run + "-");
        try {
            return execute(member, ctx, jobDir);
        } finally {
            Zips.deleteTree(jobDir);
            try {
                Files.deleteIfExists(home);
            } catch (java.nio.file.DirectoryNotEmptyException others) {
                // Other runs of the study are still here.
            }
        }
    }

    private JobResult execute(HazelcastInstance member, WorkerContext ctx, Path jobDir) throws Exception {
        String me = member.getCluster().getLocalMember().getAddress().toString();
        Path recipeFile = jobDir.resolve(recipeName);
        Files.writeString(recipeFile, recipe);
        String here;
        try {
            here = ctx.data().fingerprint(recipeFile, sets, seed);
        } catch (IllegalStateException e) {
            return JobResult.refused("worker " + me + " cannot run " + run + ": " + e.getMessage());
        }
        if (fingerprint != null && !fingerprint.equals(here)) {
            return JobResult.refused("worker " + me + " cannot run " + run + ": its data differs from the "
                    + "submitter's (fingerprint " + here + ", expected " + fingerprint + ")");
        }
        Path runDir = jobDir.resolve(run);
        List<String> command = new ArrayList<>(ctx.javaPrefix());
        if (resume != null) {
            Zips.unzip(resume, runDir);
            command.addAll(List.of("run", "--resume", runDir.toString()));
        } else {
            command.addAll(List.of("run", recipeFile.toString(), "--out", runDir.toString()));
            if (seed != null) {
                command.addAll(List.of("--seed", seed.toString()));
            }
            sets.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
            command.addAll(List.of("--threads", Integer.toString(threads)));
        }
        Path log = jobDir.resolve("console.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put(ParentWatch.VARIABLE, "1");
        ctx.log().accept((resume != null ? "resume " : "start ") + run + " (attempt " + attempt + ")");
        ITopic<Progress> topic = member.getTopic(ClusterLauncher.topic(study));
        Process p = pb.start();
        try {
            String sent = null;
            while (!p.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                sent = sendCheckpoint(runDir, jobDir, sent, topic);
            }
            int code = p.exitValue();
            ctx.log().accept("end " + run + " (exit " + code + ")");
            return new JobResult(code, Files.isDirectory(runDir) ? Zips.zip(runDir) : null, Files.readString(log),
                    null);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * Sends the run directory when its checkpoint changed since {@code sent}: copied first, and sent
     * only if the copy's checkpoint proves itself (the run may be writing the next one meanwhile).
     */
    private String sendCheckpoint(Path runDir, Path jobDir, String sent, ITopic<Progress> topic) throws IOException {
        Path state = runDir.resolve(Checkpoints.FOLDER).resolve("state.json");
        if (!Files.isRegularFile(state)) {
            return sent;
        }
        String now;
        try {
            now = Files.readString(state);
        } catch (IOException e) {
            return sent;
        }
        if (now.equals(sent)) {
            return sent;
        }
        Path still = jobDir.resolve("still");
        try {
            Zips.deleteTree(still);
            Zips.copyTree(runDir, still);
            Checkpoints.load(still);
            topic.publish(new Progress(study, run, attempt, Zips.zip(still)));
            return now;
        } catch (UncheckedIOException | IOException inconsistent) {
            return sent; // caught between two checkpoints: try again at the next look
        } finally {
            Zips.deleteTree(still);
        }
    }
}
