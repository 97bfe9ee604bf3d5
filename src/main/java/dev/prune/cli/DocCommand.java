package dev.prune.cli;

import dev.prune.builtins.Builtin;
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

/** {@code prune doc [NAME]}: the reference of one builtin, or of all, from the registry. */
@Command(name = "doc", description = "Show the reference of a builtin, or of every builtin.")
final class DocCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "a model, dataset, optimizer, criterion, "
            + "schedule or metric")
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
        Optional<Builtin<?>> builtin = registry.find(name);
        if (builtin.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: no builtin named '" + name + "'" + Spelling.hint(name,
                    registry.all().stream().map(Builtin::name).toList()) + " ('prune doc' lists them all)");
            err.flush();
            return Main.RECIPE_ERROR;
        }
        out.print(Reference.text(builtin.get()));
        out.flush();
        return Main.OK;
    }
}
