package dev.prune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.ChannelGroups.Channel;
import dev.prune.engine.ChannelGroups.Filter;
import dev.prune.engine.ChannelGroups.Group;
import dev.prune.engine.ChannelGroups.Input;
import dev.prune.engine.ChannelGroups.Norm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

public class ChannelGroupsTest {

    /**
     * Two residual blocks: the first keeps 4 channels (identity shortcut), the second doubles them
     * with stride 2 through an option-A zero pad, or through a 1x1 projection conv and batch norm.
     * Weight layers: 0 stem, 1 b1.conv1, 2 b1.conv2, 3 b2.conv1, 4 b2.conv2, (5 b2.short,) fc last.
     */
    public static NetworkSpec twoBlocks(boolean projection) {
        List<Node> n = new ArrayList<>(List.of(
                Node.conv("stem", NetworkSpec.INPUT, 4, 3, 1, 1, false, "identity"),
                Node.batchNorm("stem_bn", "stem"),
                Node.activation("stem_relu", "stem_bn", "relu"),
                Node.conv("b1.conv1", "stem_relu", 4, 3, 1, 1, false, "identity"),
                Node.batchNorm("b1.bn1", "b1.conv1"),
                Node.activation("b1.relu1", "b1.bn1", "relu"),
                Node.conv("b1.conv2", "b1.relu1", 4, 3, 1, 1, false, "identity"),
                Node.batchNorm("b1.bn2", "b1.conv2"),
                Node.add("b1.add", List.of("b1.bn2", "stem_relu")),
                Node.activation("b1.relu", "b1.add", "relu"),
                Node.conv("b2.conv1", "b1.relu", 8, 3, 2, 1, false, "identity"),
                Node.batchNorm("b2.bn1", "b2.conv1"),
                Node.activation("b2.relu1", "b2.bn1", "relu"),
                Node.conv("b2.conv2", "b2.relu1", 8, 3, 1, 1, false, "identity"),
                Node.batchNorm("b2.bn2", "b2.conv2")));
        if (projection) {
            n.add(Node.conv("b2.short", "b1.relu", 8, 1, 2, 0, false, "identity"));
            n.add(Node.batchNorm("b2.short_bn", "b2.short"));
            n.add(Node.add("b2.add", List.of("b2.bn2", "b2.short_bn")));
        } else {
            n.add(Node.zeroPad("b2.short", "b1.relu", 8, 2));
            n.add(Node.add("b2.add", List.of("b2.bn2", "b2.short")));
        }
        n.add(Node.activation("b2.relu", "b2.add", "relu"));
        n.add(Node.globalAvgPool("pool", "b2.relu"));
        n.add(Node.output("fc", "pool", 3));
        return new NetworkSpec("two", 1, 6, 6, n);
    }

    @Test
    void optionAJoinsTheWholeResidualStreamIntoOneGroupThroughThePad() {
        NetworkSpec net = twoBlocks(false);
        List<Group> groups = new ChannelGroups(net).groups();
        assertEquals(List.of("stem", "b1.conv1", "b2.conv1", "fc"), groups.stream().map(Group::root).toList());
        Group stream = groups.get(0);
        assertEquals(List.of(0, 2, 4), stream.layers());
        assertTrue(stream.coupled() && stream.prunable());
        // 4 stage-1 channels, each joined to stage-2 channel i + 0, then stage-2 channels 4..7.
        assertEquals(8, stream.channels().size());
        Channel c0 = stream.channels().get(0);
        assertEquals(List.of(new Filter(0, 0), new Filter(2, 0), new Filter(4, 0)), c0.filters());
        assertEquals(List.of(new Input(1, 0, 9), new Input(3, 0, 9), new Input(5, 0, 1)), c0.inputs());
        assertEquals(List.of(new Norm("stem_bn", 0), new Norm("b1.bn2", 0), new Norm("b2.bn2", 0)), c0.norms());
        Channel c5 = stream.channels().get(5);
        assertEquals(List.of(new Filter(4, 5)), c5.filters());
        assertEquals(List.of(new Input(5, 5, 1)), c5.inputs());
        assertEquals(List.of(new Norm("b2.bn2", 5)), c5.norms());
        // A block's first conv is a group of its own: filters, its batch norm, the second conv's input channels.
        Group inner = groups.get(2);
        assertFalse(inner.coupled());
        assertEquals(8, inner.channels().size());
        assertEquals(new Channel(List.of(new Filter(3, 7)), List.of(new Input(4, 7, 9)), List.of(new Norm("b2.bn1", 7))),
                inner.channels().get(7));
        assertFalse(groups.get(3).prunable());
        assertEquals(stream, new ChannelGroups(net).groupOf(4));
    }

    @Test
    void aProjectionShortcutStartsANewStreamAndReadsTheOldOne() {
        NetworkSpec net = twoBlocks(true);
        List<Group> groups = new ChannelGroups(net).groups();
        assertEquals(List.of("stem", "b1.conv1", "b2.conv1", "b2.conv2", "fc"),
                groups.stream().map(Group::root).toList());
        Group stage1 = groups.get(0);
        assertEquals(List.of(0, 2), stage1.layers());
        assertEquals(4, stage1.channels().size());
        // Stage-1 channel 2 is read by b2.conv1 (3x3) and by the 1x1 projection (layer 5).
        assertEquals(List.of(new Input(1, 2, 9), new Input(3, 2, 9), new Input(5, 2, 1)),
                stage1.channels().get(2).inputs());
        Group stage2 = groups.get(3);
        assertEquals(List.of(4, 5), stage2.layers());
        assertEquals(new Channel(List.of(new Filter(4, 6), new Filter(5, 6)), List.of(new Input(6, 6, 1)),
                List.of(new Norm("b2.bn2", 6), new Norm("b2.short_bn", 6))), stage2.channels().get(6));
    }

    @Test
    void flattenMapsAChannelToItsBlockOfDenseInputs() {
        NetworkSpec net = new NetworkSpec("flat", 1, 4, 4, List.of(
                Node.conv("c", NetworkSpec.INPUT, 2, 3, 1, 1, true, "relu"),
                Node.maxPool("p", "c", 2, 2),
                Node.flatten("f", "p"),
                Node.dense("d", "f", 3, "relu"),
                Node.output("o", "d", 2)));
        List<Group> groups = new ChannelGroups(net).groups();
        assertEquals(List.of(new Input(1, 1, 4)), groups.get(0).channels().get(1).inputs());
        assertEquals(List.of(new Input(2, 2, 1)), groups.get(1).channels().get(2).inputs());
        assertFalse(groups.stream().anyMatch(Group::coupled));
    }
}
