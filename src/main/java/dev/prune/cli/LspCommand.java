package dev.prune.cli;

import dev.prune.lsp.PruneServer;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code prune lsp}: the language server for editors, over standard input and output. */
@Command(name = "lsp", description = "Serve the Language Server Protocol over standard input and output "
        + "(started by an editor: diagnostics as 'prune check', completion, hover docs, definitions, formatting).")
final class LspCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream protocol = System.out;
        // Standard output carries the protocol alone: anything else printed goes to standard error.
        System.setOut(System.err);
        return PruneServer.serve(System.in, protocol);
    }
}
