package dev.prune.pruning;

import dev.prune.engine.ChannelGroups;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Structured pruning where the graph couples channels across layers (a residual add): the
 * candidates are the coupled channels of {@link ChannelGroups}, not one layer's units. A
 * channel's score is the <em>sum</em> of its filters' unit scores (for {@code filters}, the L1 or
 * L2 norms of every filter that writes the channel, each at the same channel index): a channel
 * that several layers write is kept when together they give it weight, and on a group with one
 * writer the score is exactly the layer's own unit score. Sums, not means, so that a channel
 * written by one block's conv and a shortcut is not ranked below a stem channel written once
 * only because it is averaged with a small shortcut filter.
 *
 * <p>The rate is a share of the channels still alive in each group (layer-wise) or in all the
 * groups concerned (global), ceil(rate * alive) removed, lowest first, ties by group and channel;
 * a group keeps at least one channel. A removed channel loses every filter's incoming weights
 * and every reader's input slice; its batch norm γ and β are zeroed by the engine from the masks.
 */
public final class GroupPlanner {
    private GroupPlanner() {}

    private record Candidate(double score, int group, int index, ChannelGroups.Channel channel) {}

    /** True when the graph couples channels of different layers, so units cannot be removed layer by layer. */
    public static boolean needed(NetworkSpec net) {
        return net.residual() && new ChannelGroups(net).groups().stream().anyMatch(ChannelGroups.Group::coupled);
    }

    /** The prunable groups whose writers are all selected: the ones a selection prunes. */
    public static List<ChannelGroups.Group> chosen(ChannelGroups groups, boolean[] selected) {
        List<ChannelGroups.Group> out = new ArrayList<>();
        for (ChannelGroups.Group g : groups.groups()) {
            if (g.prunable() && g.layers().stream().allMatch(l -> l < selected.length && selected[l])) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * The first group a selection takes only in part, as a sentence naming a chosen and a left-out
     * writer, or null when every group is taken whole or not at all.
     */
    public static String split(NetworkSpec net, boolean[] selected) {
        for (ChannelGroups.Group g : new ChannelGroups(net).groups()) {
            List<Integer> in = g.layers().stream().filter(l -> selected[l]).toList();
            if (!in.isEmpty() && in.size() < g.layers().size()) {
                int out = g.layers().stream().filter(l -> !selected[l]).findFirst().orElseThrow();
                // A depthwise conv keeps its input's channels: it and the conv before it write the same ones.
                boolean depthwise = g.layers().stream().anyMatch(l -> net.layers().get(l).groups() > 1);
                return "the selection takes layer '" + net.layers().get(in.get(0)).name() + "' but not '"
                        + net.layers().get(out).name() + "', and "
                        + (depthwise ? "a depthwise conv keeps the channels of the conv before it, so they"
                                : "a residual add makes them")
                        + " write the same channels ("
                        + "group '" + g.root() + "', " + g.layers().size() + " layers); select all of them, or only "
                        + "layers outside residual streams such as each block's first conv";
            }
        }
        return null;
    }

    /** True when some filter writing the channel still has a kept incoming weight. */
    static boolean alive(NetworkSpec net, List<float[]> masks, ChannelGroups.Channel c) {
        for (ChannelGroups.Filter f : c.filters()) {
            if (!Units.inPruned(net, masks.get(f.layer()), f.layer(), f.unit())) {
                return true;
            }
        }
        return false;
    }

    /** Removes the channel in place: its filters' incoming weights and its readers' input slices. */
    static void remove(NetworkSpec net, List<float[]> masks, ChannelGroups.Channel c) {
        for (ChannelGroups.Filter f : c.filters()) {
            int fanIn = net.layers().get(f.layer()).fanIn();
            Arrays.fill(masks.get(f.layer()), f.unit() * fanIn, (f.unit() + 1) * fanIn, 0f);
        }
        for (ChannelGroups.Input in : c.inputs()) {
            LayerSpec reader = net.layers().get(in.layer());
            float[] m = masks.get(in.layer());
            for (int v = 0; v < reader.nOut(); v++) {
                int from = v * reader.fanIn() + in.channel() * in.span();
                Arrays.fill(m, from, from + in.span(), 0f);
            }
        }
    }

    /** A channel's score: the sum of the unit scores of the filters that write it (layers not scored count 0). */
    static double score(List<float[]> unitScores, ChannelGroups.Channel c) {
        double s = 0;
        for (ChannelGroups.Filter f : c.filters()) {
            float[] u = unitScores.get(f.layer());
            if (u != null) {
                s += u[f.unit()];
            }
        }
        return s;
    }

    public static List<float[]> prune(NetworkSpec net, List<float[]> unitScores, List<float[]> masks,
                                      boolean[] selected, double rate, boolean global) {
        List<float[]> out = MaskPlanner.copy(masks);
        List<ChannelGroups.Group> chosen = chosen(new ChannelGroups(net), selected);
        List<List<Candidate>> pools = new ArrayList<>();
        for (int g = 0; g < chosen.size(); g++) {
            if (g == 0 || !global) {
                pools.add(new ArrayList<>());
            }
            List<ChannelGroups.Channel> channels = chosen.get(g).channels();
            for (int i = 0; i < channels.size(); i++) {
                if (alive(net, out, channels.get(i))) {
                    pools.get(pools.size() - 1).add(new Candidate(score(unitScores, channels.get(i)), g, i,
                            channels.get(i)));
                }
            }
        }
        for (List<Candidate> pool : pools) {
            int n = MaskPlanner.count(rate, pool.size());
            pool.sort(Comparator.comparingDouble(Candidate::score).thenComparingInt(Candidate::group)
                    .thenComparingInt(Candidate::index));
            int[] left = new int[chosen.size()];
            pool.forEach(c -> left[c.group]++);
            int removed = 0;
            for (Candidate c : pool) {
                if (removed == n) {
                    break;
                }
                // A group keeps at least one channel: one with none cuts the network in two.
                if (left[c.group] > 1) {
                    remove(net, out, c.channel);
                    left[c.group]--;
                    removed++;
                }
            }
        }
        return out;
    }

    /** Share of the channels of the groups the selected layers write that are no longer alive. */
    public static double sparsity(NetworkSpec net, List<float[]> masks, Iterable<Integer> layers) {
        ChannelGroups groups = new ChannelGroups(net);
        List<ChannelGroups.Group> seen = new ArrayList<>();
        long all = 0;
        long alive = 0;
        for (int l : layers) {
            ChannelGroups.Group g = groups.groupOf(l);
            if (seen.contains(g)) {
                continue;
            }
            seen.add(g);
            for (ChannelGroups.Channel c : g.channels()) {
                all++;
                alive += alive(net, masks, c) ? 1 : 0;
            }
        }
        return all == 0 ? 0 : 1.0 - (double) alive / all;
    }
}
