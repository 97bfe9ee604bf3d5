package dev.prune.engine;

/**
 * The distribution a network's conv and dense weights start from; biases start at 0 and batch
 * norm at gamma 1, beta 0 either way.
 */
public enum WeightInit {
    /**
     * Gaussian with variance 2 / (fanIn + fanOut) (Glorot): the LeNets and MLPs, as Prune has always
     * drawn them, and the lottery-ticket paper's Conv-2/4/6, whose paper names Glorot's Gaussian.
     */
    XAVIER,
    /**
     * Gaussian with variance 2 / fanIn (He et al. 2015, PyTorch's {@code kaiming_normal_}): what the
     * CIFAR ResNet and VGG code of the papers uses.
     */
    HE
}
