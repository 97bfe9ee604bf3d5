package dev.prune.cluster;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.config.Config;
import java.util.List;

/** A worker: a Hazelcast member that runs the runs it is given, {@code slots} at a time. */
public final class Worker implements AutoCloseable {
    private final HazelcastInstance member;

    private Worker(HazelcastInstance member) {
        this.member = member;
    }

    /**
     * Starts a member bound to {@code host}, on {@code port} (null: the first free port from 5701),
     * that joins the members at {@code join} (empty: it starts a cluster of its own).
     *
     * @throws IllegalStateException with one sentence when the member cannot start
     */
    public static Worker start(String host, Integer port, List<String> join, int slots, WorkerContext context) {
        Config config = Hazelcast.member(host, port, join, slots);
        config.getUserContext().put(Hazelcast.CONTEXT, context);
        try {
            return new Worker(com.hazelcast.core.Hazelcast.newHazelcastInstance(config));
        } catch (HazelcastException | IllegalStateException e) {
            throw new IllegalStateException("cannot start a worker on " + host + (port != null ? ":" + port : "")
                    + ": " + rootMessage(e), e);
        }
    }

    /** This member's address, HOST:PORT. */
    public String address() {
        var a = member.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    /** The number of members in the cluster, this one included. */
    public int members() {
        return member.getCluster().getMembers().size();
    }

    @Override
    public void close() {
        member.shutdown();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
