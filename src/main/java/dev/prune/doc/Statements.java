package dev.prune.doc;

import java.util.List;
import java.util.Optional;

/**
 * What each statement word does, in the forms a recipe writes it: {@code prune doc rewind}. The
 * statements are grammar, not registry entries, so their reference is kept here, beside the
 * builtins' reference it is printed with; docs/language.md explains them at length.
 */
public final class Statements {
    private Statements() {}

    /** One statement word: its kind (setting, action, policy) and each form with its meaning. */
    public record Entry(String word, String kind, List<String[]> forms) {}

    private static List<String[]> forms(String[]... forms) {
        return List.of(forms);
    }

    private static String[] form(String syntax, String meaning) {
        return new String[] {syntax, meaning};
    }

    /** Every statement, in the order docs/language.md lists them. */
    public static final List<Entry> ALL = List.of(
            new Entry("import", "—", forms(form("import \"lth\"",
                    "the statements of lth.prune, next to this file or from the stdlib ('prune doc lth')"))),
            new Entry("requires", "—", forms(form("requires model, data, train",
                    "what a module expects before it is imported; 'prune check' of the module alone checks it after stand-ins"))),
            new Entry("param", "setting", forms(form("param NAME = VALUE",
                    "a value that 'prune run --set NAME=...' may replace"))),
            new Entry("let", "setting", forms(form("let NAME = VALUE", "a named value"))),
            new Entry("seed", "setting", forms(form("seed 42",
                    "seed of initialization, data order and random criteria (--seed wins)"))),
            new Entry("model", "setting", forms(form("model lenet_300_100", "the network ('prune doc' lists the models)"),
                    form("model \"file.zip\"", "a network written by save, with its weights and masks"))),
            new Entry("data", "setting", forms(form("data fashion_mnist()", "the dataset ('prune doc' lists them)"))),
            new Entry("optimizer", "setting", forms(form("optimizer sgd(momentum=0.9)", "the optimizer; default sgd()"))),
            new Entry("train", "action", forms(form("train 5 epochs [lr 0.1]",
                    "dense training now; the inline lr applies to this training only"),
                    form("train up to 20 epochs stop early(patience=5)", "train until the validation loss stops falling"),
                    form("train up to 160 epochs stop early_bird(ratio=50%)",
                            "train until the channel mask by batch norm gamma settles (early-bird ticket)"))),
            new Entry("retrain", "policy", forms(form("retrain 3 epochs [lr ...]", "the training step of each cycle"),
                    form("retrain up to 20 epochs stop early()", "retrain until the validation loss stops falling"))),
            new Entry("scratch", "action", forms(form("scratch e | scratch b | scratch 3 epochs [lr ...]",
                    "train the pruned network from a fresh initialization"))),
            new Entry("prune", "action or policy", forms(form("prune l1 by 20%", "one pruning step now"),
                    form("prune l1 to 90%", "one step to that sparsity"),
                    form("prune l1 by 20% every cycle", "the pruning step of each cycle"),
                    form("prune l1 by 20% on hidden, 10% on output every cycle", "a rate per selection, in one step"),
                    form("prune l1 to 90% over 10 cycles every cycle", "equal steps that reach 90% in 10 cycles"),
                    form("prune l1 to 80% on hidden, 90% on output over 5 cycles every cycle",
                            "a target per selection, each reached in 5 cycles"),
                    form("prune snip by 90% at init", "before any training"),
                    form("prune l1 to 90% every 100 iterations [from 1 epoch] until 6 epochs",
                            "gradual pruning inside the trainings that follow"))),
            new Entry("lr", "policy", forms(form("lr 0.1 | lr s_cyc(max=0.1, k=4)",
                    "learning-rate schedule for training that has none of its own"))),
            new Entry("penalty", "policy", forms(form("penalty bn_l1(lambda=1e-4) | penalty none",
                    "a term added to the loss of the trainings that follow (network slimming's L1 on batch norm gamma; "
                            + "scl(...): learned masks; spectral(...): the Hessian's spectral radius)"))),
            new Entry("rewind", "policy", forms(form("rewind to init | rewind to NAME | rewind none",
                    "what weights each cycle restarts from"),
                    form("rewind to iteration 500 [with lr] | rewind to epoch 2",
                            "the weights the first training had at that point"),
                    form("rewind to random", "fresh random weights for the survivors each cycle"))),
            new Entry("checkpoint", "action", forms(form("checkpoint NAME",
                    "remember the current weights under a name (init is taken at build)"))),
            new Entry("freeze", "policy", forms(form("freeze SELECTOR",
                    "freeze the selected layers each cycle; frozen layers stay frozen"))),
            new Entry("unfreeze", "action", forms(form("unfreeze [SELECTOR]",
                    "unfreeze those layers (all when no selector) and drop the freeze rule"))),
            new Entry("finetune", "policy", forms(form("finetune when CONDITION",
                    "retrain a cycle only when the condition holds after its pruning"))),
            new Entry("sweep", "action", forms(form("sweep NAME in [v1, v2, ...] { ... }",
                    "run the block once per value, each from the same starting state"),
                    form("sweep NAME { a { ... } b { ... } ... }",
                            "run the body once per named block, each time with only that block's statements"),
                    form("sweep NAME ... { ... sweep OTHER ... { ... } }",
                            "a sweep inside a sweep: every combination, named a=1,b=init"))),
            new Entry("run", "action", forms(form("run 5 cycles", "run the cycle loop"),
                    form("run until CONDITION [max 30 cycles]", "cycles until the condition holds (at most 100 by default)"))),
            new Entry("evaluate", "action", forms(form("evaluate", "test accuracy and loss now"))),
            new Entry("expect", "action", forms(form("expect CLAIM [at CONDITION]",
                    "a claim about the last cycle, or the first where the condition holds; a failed claim exits 1"),
                    form("expect CLAIM [at CONDITION] in NAME = VALUE[, OTHER = VALUE]",
                            "the same about the cycles of one variant of an earlier sweep"))),
            new Entry("report", "action", forms(form("report",
                    "summary.md and the plots of the run so far, in the run directory"))),
            new Entry("save", "action", forms(form("save \"model.zip\"",
                    "the network and its masks, inside the run directory"))),
            new Entry("compact", "action", forms(form("compact [\"small.zip\"]",
                    "go on with the physically smaller network structured pruning allows, checked and timed"))));

    public static Optional<Entry> find(String word) {
        return ALL.stream().filter(e -> e.word().equals(word)).findFirst();
    }
}
