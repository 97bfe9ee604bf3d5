package dev.prune.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Shape;
import org.junit.jupiter.api.Test;

class GraphModelsTest {
    private static final DataShape CIFAR = new DataShape(3, 32, 32, 10);
    private static final DataShape FASHION = new DataShape(1, 28, 28, 10);

    @Test
    void resnetParameterCountsMatchThePaper() {
        // He et al. 2016, Table 6: ResNet-20 0.27M, ResNet-56 0.85M, ResNet-110 1.7M (option A);
        // the exact counts are those of the widely used PyTorch reimplementation (akamaster/pytorch_resnet_cifar10).
        assertEquals(269_722, GraphModels.resnet(CIFAR, 20, false).parameterCount());
        assertEquals(853_018, GraphModels.resnet(CIFAR, 56, false).parameterCount());
        assertEquals(1.73, GraphModels.resnet(CIFAR, 110, false).parameterCount() / 1e6, 0.01);
    }

    @Test
    void vggAndConvCountsMatchTheLotteryTicketPaper() {
        // Frankle & Carbin 2019, Figure 2: Conv-2 4.3M weights, Conv-4 2.4M, VGG-19 20M.
        assertEquals(4.3, GraphModels.conv(CIFAR, 2).weightCount() / 1e6, 0.05);
        assertEquals(2.4, GraphModels.conv(CIFAR, 4).weightCount() / 1e6, 0.05);
        assertEquals(20.0, GraphModels.vgg(CIFAR, 19, true).weightCount() / 1e6, 0.1);
        // Conv-6 by the same arithmetic: 1,144,512 conv and 1,116,672 dense weights.
        assertEquals(2_261_184, GraphModels.conv(CIFAR, 6).weightCount());
    }

    @Test
    void everyModelAdaptsToOneChannelTwentyEightPixelImages() {
        for (NetworkSpec net : new NetworkSpec[] {GraphModels.resnet(FASHION, 20, false),
                GraphModels.resnet(FASHION, 20, true), GraphModels.vgg(FASHION, 11, true),
                GraphModels.vgg(FASHION, 19, false), GraphModels.conv(FASHION, 6)}) {
            assertEquals(1, net.layers().get(0).nIn(), net.name());
            assertEquals(10, net.classes(), net.name());
        }
        NetworkSpec resnet = GraphModels.resnet(FASHION, 20, false);
        assertEquals(Shape.map(64, 7, 7), resnet.shape("stage3.block3.relu"));
        assertEquals(20, resnet.layers().size(), "stem, 18 convs, fc");
        assertEquals(22, GraphModels.resnet(FASHION, 20, true).layers().size(), "and two projections");
    }

    @Test
    void aDepthTheModelDoesNotHaveIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphModels.resnet(CIFAR, 21, false));
        assertTrue(e.getMessage().startsWith("resnet has no depth 21"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GraphModels.vgg(CIFAR, 12, true));
        assertThrows(IllegalArgumentException.class, () -> GraphModels.conv(CIFAR, 3));
    }

    @Test
    void resnetTwentyFlopsCountedByHand() {
        // Multiply-adds of the weights on 32x32x3: stem 432 * 1024; stage 1, six 2304-weight convs at
        // 32x32; stage 2, conv 4608 then five 9216 at 16x16; stage 3, 18432 then five 36864 at 8x8; fc 640.
        long hand = 432L * 1024 + 6 * 2304L * 1024 + (4608L + 5 * 9216) * 256 + (18432L + 5 * 36864) * 64 + 640;
        NetworkSpec net = GraphModels.resnet(CIFAR, 20, false);
        long flops = 0;
        for (LayerSpec l : net.layers()) {
            flops += l.weightCount() * l.flopsPerWeight();
        }
        assertEquals(hand, flops);
        assertEquals(40_551_040L, flops);
    }
}
