package dev.prune.check;

import dev.prune.ast.Expr;
import dev.prune.ast.Printer;
import dev.prune.engine.ModelFile;
import dev.prune.engine.NetworkSpec;
import dev.prune.source.Span;
import java.nio.file.Path;

/**
 * {@code model "file.zip"}: a model saved by Prune or by the user's own DL4J code, its graph read
 * from the file without starting the engine.
 */
final class ModelFiles {
    private ModelFiles() {}

    /** Reads the file's network description into the checker's state; false after reporting. */
    static boolean use(Checker checker, Expr.Str file, Span span) {
        Path path = resolve(span, file.value());
        ModelFile.Contents contents;
        try {
            contents = ModelFile.read(path);
        } catch (ModelFile.Unreadable e) {
            checker.diagnostics().error(file.span(), e.getMessage());
            return false;
        }
        if (!contents.kept().isEmpty()) {
            // Said where the model is named, so that check lists what pruning will leave alone.
            checker.diagnostics().warning(file.span(), "prune runs these layers as saved and never prunes them: "
                    + String.join(", ", contents.kept()));
        }
        checker.state.model = shape -> {
            NetworkSpec spec = contents.network(shape.channels(), shape.height(), shape.width());
            if (spec.inputSize() != shape.inputSize() || spec.classes() != shape.classes()) {
                throw new IllegalArgumentException(path + " was saved for " + spec.inputSize() + " inputs and "
                        + spec.classes() + " classes, but the data has " + shape.inputSize() + " and " + shape.classes());
            }
            return spec;
        };
        checker.state.modelText = Printer.quote(file.value());
        checker.state.modelFile = path;
        return true;
    }

    /** Relative to the recipe that names it, as imports are. */
    static Path resolve(Span span, String file) {
        Path given = Path.of(file);
        if (given.isAbsolute()) {
            return given;
        }
        Path recipe = Path.of(span.file().name()).toAbsolutePath().getParent();
        return recipe == null ? given : recipe.resolve(given).normalize();
    }
}
