package dev.prune.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.prune.study.Launcher;
import dev.prune.study.RunSpec;
import dev.prune.study.Study;
import dev.prune.study.StudyException;
import dev.prune.study.StudyTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The submitter of {@code prune study --cluster}: a Hazelcast client that places each missing run
 * on a worker with a free slot, lands the run directory each worker sends after a checkpoint in
 * the study directory, and, when a worker leaves, places its runs on the others with the last of
 * those directories, so they continue from their last checkpoint.
 */
public final class ClusterLauncher implements AutoCloseable {
    /** How long the submitter waits for a worker to reach, and for one to come back when all left. */
    static final long PATIENCE_MILLIS = 10_000;
    private static final long LOOK_MILLIS = 250;

    private final HazelcastInstance client;
    private final String addresses;
    private final PrintWriter out;

    private ClusterLauncher(HazelcastInstance client, String addresses, PrintWriter out) {
        this.client = client;
        this.addresses = addresses;
        this.out = out;
    }

    /** The topic a study's checkpoints travel on. */
    static String topic(String study) {
        return "prune-progress-" + study;
    }

    /**
     * Connects to the workers at {@code addresses} (HOST:PORT, comma-separated).
     *
     * @throws StudyException with one sentence when no worker answers there
     */
    public static ClusterLauncher connect(String addresses, PrintWriter out) {
        List<String> list = Addresses.parse(addresses, "--cluster");
        try {
            HazelcastInstance client = HazelcastClient.newHazelcastClient(Hazelcast.client(list, PATIENCE_MILLIS));
            return new ClusterLauncher(client, addresses, out);
        } catch (IllegalStateException | HazelcastException e) {
            throw new StudyException("no prune worker answers at " + addresses + " (start one there with "
                    + "prune worker, or check the address); nothing was run", e);
        }
    }

    /** The workers now in the cluster and the runs they take at once, for the opening line. */
    public String describe() {
        Set<Member> members = workers();
        int slots = members.stream().mapToInt(ClusterLauncher::slots).sum();
        return members.size() + " worker" + (members.size() == 1 ? "" : "s") + " with " + slots + " slot"
                + (slots == 1 ? "" : "s");
    }

    private Set<Member> workers() {
        return client.getCluster().getMembers().stream().filter(m -> !m.isLiteMember()).collect(Collectors.toSet());
    }

    private static int slots(Member m) {
        String s = m.getAttribute(Hazelcast.SLOTS);
        return s == null ? 1 : Integer.parseInt(s);
    }

    /** A run placed on a worker. */
    private static final class Placement {
        final RunSpec run;
        final int index;
        int attempt;
        Member member;
        Future<JobResult> future;

        /** The last checkpoint announced, so a checkpoint sent twice is said once. */
        String said;

        Placement(RunSpec run, int index) {
            this.run = run;
            this.index = index;
        }
    }

    /**
     * Brings every missing or unfinished run of the study to its end on the workers.
     *
     * @param recipe       the recipe's text with its imports inlined
     * @param fingerprints the data's fingerprint for a run, here; throws IllegalStateException when
     *                     the data is not here (the workers then only check that they have it)
     * @return the exit code of each run that ended, by name
     */
    public Map<String, Integer> run(Study study, Path studyDir, String recipe, Function<RunSpec, String> fingerprints) {
        String id = UUID.randomUUID().toString();
        Map<String, Placement> current = new HashMap<>();
        Object lock = new Object();
        UUID listener = client.<Progress>getTopic(topic(id)).addMessageListener(m -> {
            Progress p = m.getMessageObject();
            synchronized (lock) {
                Placement at = current.get(p.run());
                if (at == null || at.attempt != p.attempt()) {
                    return; // from a placement that is over
                }
                Path dir = Study.runDir(studyDir, at.run);
                land(p.zip(), dir);
                String row = StudyTable.lastRow(dir);
                if (!row.equals(at.said)) {
                    at.said = row;
                    say(String.format(Locale.ROOT, "[%d/%d] %s: checkpoint after %s (from %s)", at.index,
                            study.runs().size(), at.run.name(), row, where(at.member)));
                }
            }
        });
        try {
            return place(study, studyDir, recipe, fingerprints, id, current, lock);
        } catch (HazelcastException e) {
            throw new StudyException("lost the cluster at " + addresses + " (" + Worker.rootMessage(e) + "); what "
                    + "the workers sent is in " + studyDir + ", and prune study --resume " + studyDir + " --cluster "
                    + addresses + " goes on", e);
        } finally {
            try {
                client.getTopic(topic(id)).removeMessageListener(listener);
            } catch (HazelcastException gone) {
                // The client is already down.
            }
        }
    }

    private Map<String, Integer> place(Study study, Path studyDir, String recipe,
                                       Function<RunSpec, String> fingerprints, String id,
                                       Map<String, Placement> current, Object lock) {
        int total = study.runs().size();
        Deque<Placement> queue = new ArrayDeque<>();
        for (RunSpec r : study.runs()) {
            Launcher.State s = Launcher.state(Study.runDir(studyDir, r));
            if (s == Launcher.State.MISSING || s == Launcher.State.UNFINISHED) {
                queue.add(new Placement(r, study.runs().indexOf(r) + 1));
            }
        }
        Map<String, String> prints = new HashMap<>();
        boolean noted = false;
        for (Placement p : queue) {
            try {
                prints.put(p.run.name(), fingerprints.apply(p.run));
            } catch (IllegalStateException e) {
                if (!noted) {
                    say("the data is not here to fingerprint (" + e.getMessage() + "); each worker checks only "
                            + "that it has it");
                    noted = true;
                }
            }
        }
        IExecutorService executor = client.getExecutorService(Hazelcast.EXECUTOR);
        Map<String, Integer> codes = new LinkedHashMap<>();
        List<Placement> running = new ArrayList<>();
        Set<UUID> lost = new java.util.HashSet<>();
        long alone = 0;
        while (!queue.isEmpty() || !running.isEmpty()) {
            Set<Member> members = workers();
            // A member whose run was lost may still be listed for a moment: it gets nothing more.
            members.removeIf(m -> lost.contains(m.getUuid()));
            for (Placement p : new ArrayList<>(running)) {
                boolean gone = !members.contains(p.member);
                if (p.future.isDone()) {
                    try {
                        JobResult result = p.future.get();
                        synchronized (lock) {
                            current.remove(p.run.name());
                            codes.put(p.run.name(), finish(study, studyDir, p, result));
                        }
                        running.remove(p);
                        continue;
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        gone |= cause instanceof MemberLeftException || cause instanceof TargetDisconnectedException
                                || cause instanceof TargetNotMemberException;
                        if (!gone) {
                            synchronized (lock) {
                                current.remove(p.run.name());
                            }
                            running.remove(p);
                            codes.put(p.run.name(), 1);
                            say(String.format(Locale.ROOT, "[%d/%d] FAILED %s on %s: %s", p.index, total,
                                    p.run.name(), where(p.member), Worker.rootMessage(cause)));
                            continue;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StudyException("the study was interrupted; prune study --resume " + studyDir
                                + " --cluster " + addresses + " goes on");
                    }
                }
                if (gone) {
                    lost.add(p.member.getUuid());
                    p.future.cancel(true);
                    running.remove(p);
                    synchronized (lock) {
                        Path dir = Study.runDir(studyDir, p.run);
                        say(String.format(Locale.ROOT, "[%d/%d] worker %s left: %s goes on elsewhere from %s",
                                p.index, total, where(p.member), p.run.name(),
                                Files.isDirectory(dir) ? "its last checkpoint (" + StudyTable.lastRow(dir) + ")"
                                        : "the start"));
                        p.attempt++; // later messages of the lost placement are ignored
                    }
                    queue.addFirst(p);
                }
            }
            if (members.isEmpty() && !queue.isEmpty()) {
                alone = alone == 0 ? System.nanoTime() : alone;
                if (System.nanoTime() - alone > PATIENCE_MILLIS * 1_000_000L) {
                    throw new StudyException("no worker left in the cluster at " + addresses + "; what the workers "
                            + "sent is in " + studyDir + ", and prune study --resume " + studyDir + " --cluster "
                            + addresses + " goes on");
                }
            } else {
                alone = 0;
            }
            members.removeIf(m -> lost.contains(m.getUuid()));
            for (Member m : members) {
                long busy = running.stream().filter(p -> p.member.equals(m)).count();
                for (long free = slots(m) - busy; free > 0 && !queue.isEmpty(); free--) {
                    Placement p = queue.poll();
                    synchronized (lock) {
                        p.attempt++;
                        p.member = m;
                        RunJob job = job(study, studyDir, recipe, prints.get(p.run.name()), id, p);
                        try {
                            p.future = executor.submitToMember(job, m);
                        } catch (TargetNotMemberException | TargetDisconnectedException left) {
                            lost.add(m.getUuid()); // it left while being chosen: the run waits for another
                            queue.addFirst(p);
                            break;
                        }
                        current.put(p.run.name(), p);
                        say(String.format(Locale.ROOT, "[%d/%d] %s %s on %s", p.index, total,
                                job.resumes() ? "resume" : "start", p.run.name(), where(m)));
                    }
                    running.add(p);
                }
            }
            try {
                Thread.sleep(LOOK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StudyException("the study was interrupted; prune study --resume " + studyDir
                        + " --cluster " + addresses + " goes on");
            }
        }
        return codes;
    }

    /** The job for a placement: from the start, or from the run directory the submitter has. */
    private static RunJob job(Study study, Path studyDir, String recipe, String fingerprint, String id, Placement p) {
        Path dir = Study.runDir(studyDir, p.run);
        byte[] resume = null;
        if (Files.exists(dir.resolve("manifest.json"))) {
            try {
                resume = Zips.zip(dir);
            } catch (IOException e) {
                throw new StudyException("cannot read " + dir + " to send it to a worker: " + e.getMessage(), e);
            }
        }
        return new RunJob(id, p.run.name(), p.attempt, study.recipe().getFileName().toString(), recipe,
                p.run.seed(), p.run.values(), study.threads(), fingerprint, resume);
    }

    private int finish(Study study, Path studyDir, Placement p, JobResult result) {
        int total = study.runs().size();
        Path dir = Study.runDir(studyDir, p.run);
        Path log = studyDir.resolve(Study.LOGS).resolve(p.run.name() + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, (result.refusal() != null ? "error: " + result.refusal() + "\n" : result.log()),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            say("cannot write " + log + ": " + e.getMessage());
        }
        if (result.refusal() != null) {
            say(String.format(Locale.ROOT, "[%d/%d] FAILED %s: %s", p.index, total, p.run.name(), result.refusal()));
            return 1;
        }
        if (result.zip() != null) {
            land(result.zip(), dir);
        }
        if (result.code() == 0) {
            say(String.format(Locale.ROOT, "[%d/%d] done %s on %s: %s", p.index, total, p.run.name(), where(p.member),
                    StudyTable.lastRow(dir)));
        } else {
            say(String.format(Locale.ROOT, "[%d/%d] FAILED %s on %s (exit %d): %s; see %s", p.index, total,
                    p.run.name(), where(p.member), result.code(), Launcher.lastError(log), log));
        }
        return result.code();
    }

    /**
     * Puts a run directory received from a worker in place of the one the study has: unpacked
     * next to it first, so a crash in between leaves one complete copy or the other.
     */
    private void land(byte[] zip, Path dir) {
        Path incoming = dir.resolveSibling("." + dir.getFileName() + ".incoming");
        Path old = dir.resolveSibling("." + dir.getFileName() + ".old");
        try {
            Zips.deleteTree(incoming);
            Zips.unzip(zip, incoming);
            Zips.deleteTree(old);
            if (Files.exists(dir)) {
                Files.move(dir, old);
            }
            Files.move(incoming, dir);
            Zips.deleteTree(old);
        } catch (IOException e) {
            say("cannot write " + dir + " as received from a worker: " + e.getMessage());
        }
    }

    private static String where(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    private synchronized void say(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
