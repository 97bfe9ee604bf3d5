package dev.prune.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.List;

/**
 * The one place Hazelcast is configured: a cluster of its own name, TCP-IP join to the addresses
 * given (no multicast, no cloud discovery), bound to one interface only, no phone-home, and
 * logging through slf4j so its start-up lines stay out of the console (see simplelogger.properties).
 */
final class Hazelcast {
    static final String CLUSTER = "prune";
    static final String EXECUTOR = "prune-runs";
    static final String SLOTS = "prune.slots";
    static final String CONTEXT = "prune.worker";

    private Hazelcast() {
    }

    private static void quiet(java.util.function.BiConsumer<String, String> property) {
        // Also as a system property: a few lines are logged before the configuration is read.
        System.setProperty("hazelcast.logging.type", "slf4j");
        property.accept("hazelcast.phone.home.enabled", "false");
        property.accept("hazelcast.logging.type", "slf4j");
        property.accept("hazelcast.shutdownhook.enabled", "false");
    }

    /**
     * A member bound to {@code host} only, on {@code port} (or the first free port from 5701 when
     * {@code port} is null), joining the members at {@code join}.
     */
    static Config member(String host, Integer port, List<String> join, int slots) {
        Config c = new Config();
        c.setClusterName(CLUSTER);
        quiet(c::setProperty);
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.socket.client.bind.any", "false");
        c.setProperty("hazelcast.local.localAddress", host);
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port != null ? port : 5701).setPortAutoIncrement(port == null);
        n.getInterfaces().setEnabled(true).addInterface(host);
        n.getRestApiConfig().setEnabled(false);
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setMembers(join);
        c.getExecutorConfig(EXECUTOR).setPoolSize(slots).setStatisticsEnabled(false);
        c.getMemberAttributeConfig().setAttribute(SLOTS, Integer.toString(slots));
        return c;
    }

    /** A client of the members at {@code addresses} that gives up after {@code timeoutMillis} without one. */
    static ClientConfig client(List<String> addresses, long timeoutMillis) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(CLUSTER);
        quiet(c::setProperty);
        c.getNetworkConfig().setAddresses(addresses);
        c.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(timeoutMillis)
                .setInitialBackoffMillis(200)
                .setMaxBackoffMillis(1000);
        return c;
    }
}
