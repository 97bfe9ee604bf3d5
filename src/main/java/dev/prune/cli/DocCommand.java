package dev.prune.cli;

import dev.prune.builtins.Registry;
import dev.prune.builtins.Spelling;
import dev.prune.doc.Reference;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code prune doc [NAME]}: the reference of one builtin, statement or stdlib module, or of every builtin. */
@Command(name = "doc", description = "Show the reference of a builtin, statement or stdlib module, or of every builtin.")
final class DocCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "a model, dataset, optimizer, criterion, "
            + "schedule, metric, statement word (rewind) or stdlib module (lth)")
    String name;

    @Option(names = "--markdown", description = "print Markdown (the text of docs/reference.md)")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Registry registry = Registry.standard();
        if (name == null) {
            out.print(markdown ? Reference.markdown(registry) : Reference.text(registry));
            out.flush();
            return Main.OK;
        }
        Optional<String> doc = Reference.of(registry, name, markdown);
        if (doc.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: '" + name + "' is not a builtin, statement or stdlib module"
                    + Spelling.hint(name, Reference.names(registry)) + " ('prune doc' lists the builtins)");
            err.flush();
            return Main.RECIPE_ERROR;
        }
        out.print(doc.get());
        out.flush();
        return Main.OK;
    }
}
