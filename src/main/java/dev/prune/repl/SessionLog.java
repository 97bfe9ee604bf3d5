package dev.prune.repl;

import dev.prune.ast.Expr;
import dev.prune.ast.Printer;
import dev.prune.ast.Statement;
import dev.prune.ast.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of a session that changed its state, in order: what {@code :save} writes and
 * what the checker replays before each new entry. Looking (evaluate, report, expect) changes
 * nothing and is not kept; a statement that failed or was not reached is not kept either.
 */
final class SessionLog {

    /** What one written statement stands for: itself, or the statements of an import. */
    record Kept(String text, List<Statement> statements) {}

    private final List<Kept> kept = new ArrayList<>();

    static boolean changesState(Statement s) {
        return !(s instanceof Statement.Evaluate || s instanceof Statement.Report || s instanceof Statement.Expect);
    }

    void keep(Statement s) {
        if (changesState(s)) {
            kept.add(new Kept(Printer.statement(s), List.of(s)));
        }
    }

    /** A stdlib import is saved as the import; its statements are replayed. */
    void keepImport(Statement.Import i, List<Statement> statements) {
        kept.add(new Kept(Printer.statement(i), List.copyOf(statements)));
    }

    /** A run stopped after some cycles is kept as the cycles it completed: {@code run N cycles}. */
    void keepCycles(Statement stopped, int completed) {
        Statement run = new Statement.RunCycles(stopped.span(),
                new Expr.Num(stopped.span(), completed, Unit.CYCLES));
        kept.add(new Kept(Printer.statement(run), List.of(run)));
    }

    void clear() {
        kept.clear();
    }

    int size() {
        return kept.size();
    }

    boolean isEmpty() {
        return kept.isEmpty();
    }

    List<Statement> statements() {
        List<Statement> all = new ArrayList<>();
        kept.forEach(k -> all.addAll(k.statements()));
        return all;
    }

    /** A recipe that reproduces the session's effect. */
    String recipe() {
        StringBuilder out = new StringBuilder("# A prune repl session: the statements that changed its state, in order.\n");
        kept.forEach(k -> out.append(k.text()).append('\n'));
        return out.toString();
    }

    /** The statement in force for each policy, in the order a cycle uses them. */
    Map<String, String> policies() {
        Map<String, String> in = new LinkedHashMap<>();
        for (String name : List.of("prune", "rewind", "freeze", "retrain", "lr", "penalty", "finetune")) {
            in.put(name, null);
        }
        for (Statement s : statements()) {
            String text = Printer.statement(s);
            if (s instanceof Statement.Prune p && p.isPolicy()) {
                in.put("prune", text);
            } else if (s instanceof Statement.Rewind) {
                in.put("rewind", text);
            } else if (s instanceof Statement.Freeze) {
                in.put("freeze", text);
            } else if (s instanceof Statement.Unfreeze u && u.layers() == null) {
                in.put("freeze", null);
            } else if (s instanceof Statement.Retrain) {
                in.put("retrain", text);
            } else if (s instanceof Statement.Lr) {
                in.put("lr", text);
            } else if (s instanceof Statement.Penalty penalty) {
                in.put("penalty", penalty.penalty() == null ? null : text);
            } else if (s instanceof Statement.Finetune) {
                in.put("finetune", text);
            }
        }
        return in;
    }

    /** The last seed, model, data and optimizer statements. */
    Map<String, String> settings() {
        Map<String, String> in = new LinkedHashMap<>();
        for (String name : List.of("seed", "model", "data", "optimizer")) {
            in.put(name, null);
        }
        for (Statement s : statements()) {
            if (s instanceof Statement.Seed || s instanceof Statement.Model || s instanceof Statement.Data
                    || s instanceof Statement.Optimizer) {
                in.put(s.keyword(), Printer.statement(s));
            }
        }
        return in;
    }

    /** Checkpoint names taken so far, "init" first. */
    List<String> checkpoints() {
        List<String> names = new ArrayList<>(List.of("init"));
        for (Statement s : statements()) {
            if (s instanceof Statement.Checkpoint c && !names.contains(c.name())) {
                names.add(c.name());
            }
        }
        return names;
    }
}
