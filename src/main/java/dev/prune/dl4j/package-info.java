/**
 * The DeepLearning4J implementation of {@link dev.prune.engine.Engine}: the only package that
 * imports {@code org.deeplearning4j} or {@code org.nd4j}, so that checking, planning and the golden
 * tests never start ND4J.
 *
 * <p>How the engine keeps its promises on DL4J 1.0.0-M2.1:
 * <ul>
 *   <li><b>Masks</b> ({@link MaskListener}): pruned weights stay exactly zero under SGD, Nesterov
 *       momentum and Adam because the parameters are masked again after every step; masking only the
 *       gradient is not enough once momentum or Adam moments hold state from before the pruning, and
 *       masking the gradient as well changes no kept weight (the updates are elementwise), so it is
 *       not done. A weight that a later mask brings back gets fresh optimizer state
 *       ({@link UpdaterState}).</li>
 *   <li><b>Freezing</b>: per-layer learning rate 0 drifts under Nesterov and Adam, so frozen layers
 *       are snapshotted at the start of each train request and written back after every step. During
 *       the request the layers leave out what no one reads ({@link BackwardPlan}): a frozen prefix
 *       of the network runs no backward pass.</li>
 *   <li><b>Learning rate</b> ({@link DrivenSchedule}): the core computes the rate of every
 *       iteration; the engine stores it in a schedule object that the updater reads, because
 *       {@code setLearningRate} costs milliseconds per call.</li>
 *   <li><b>Layout</b> ({@link WeightLayout}): flat weight arrays are grouped by output unit, which
 *       is dense W [nIn, nOut] in 'f' order and conv W [nOut, nIn, kH, kW] in 'c' order; masks are
 *       built in the parameter's own order since mixing orders is 15-25x slower.</li>
 *   <li><b>Determinism</b>: seed in the configuration, ND4J's generator re-seeded before init, the
 *       data order from {@link dev.prune.data.Shuffle}, and a pinned thread count. Same seed and
 *       threads give bit-identical weights; a different thread count gives different sums.</li>
 * </ul>
 */
package dev.prune.dl4j;
