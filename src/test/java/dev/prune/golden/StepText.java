package dev.prune.golden;

import dev.prune.check.LayerRule;
import dev.prune.check.PruneSpec;
import dev.prune.check.Step;
import dev.prune.engine.LayerSpec;
import java.util.Locale;
import java.util.stream.Collectors;

/** One line per checked step, without source positions, for golden expectations. */
final class StepText {
    private StepText() {}

    static String of(Step s) {
        if (s instanceof Step.UseSeed x) {
            return "seed " + x.seed();
        } else if (s instanceof Step.UseModel m) {
            return "model " + m.text() + ": " + m.network().layers().stream()
                    .map(l -> l.name() + "[" + l.kind().word() + " " + l.nIn() + "->" + l.nOut() + "]")
                    .collect(Collectors.joining(" "));
        } else if (s instanceof Step.UseData d) {
            return "data " + d.text() + " batch=" + d.data().batch() + " train=" + d.data().trainCount()
                    + (d.network() == null ? "" : "; model sized: " + d.network().network().layers().stream()
                    .map(l -> l.name() + "[" + l.kind().word() + " " + l.nIn() + "->" + l.nOut() + "]")
                    .collect(Collectors.joining(" ")));
        } else if (s instanceof Step.UseOptimizer o) {
            return "optimizer " + o.text();
        } else if (s instanceof Step.Train t) {
            return "train " + t.duration().show() + (t.lr() == null ? "" : " lr " + t.lr().show())
                    + (t.stop() == null ? "" : " stop " + t.stop().show());
        } else if (s instanceof Step.SetRetrain r) {
            return "policy retrain " + r.duration().show() + (r.lr() == null ? "" : " lr " + r.lr().show())
                    + (r.stop() == null ? "" : " stop " + r.stop().show());
        } else if (s instanceof Step.Scratch x) {
            return "scratch " + x.budget().name().toLowerCase(Locale.ROOT)
                    + (x.duration() == null ? "" : " " + x.duration().show()) + (x.lr() == null ? "" : " lr " + x.lr().show());
        } else if (s instanceof Step.SetGradual g) {
            return "policy prune in training " + prune(g.prune()) + " every " + g.timing().every().show() + " from "
                    + g.timing().from().show() + " until " + g.timing().until().show()
                    + (g.timing().dynamic() ? " dynamic" : "");
        } else if (s instanceof Step.SetLr l) {
            return "policy lr " + l.schedule().show();
        } else if (s instanceof Step.PruneNow p) {
            return "prune now " + prune(p.prune());
        } else if (s instanceof Step.SetPrune p) {
            return "policy prune " + prune(p.prune());
        } else if (s instanceof Step.SetRewind r) {
            return "policy rewind " + (r.point() != null ? "to " + r.point().show()
                    : r.checkpoint() == null ? "none" : r.checkpoint()) + (r.lr() ? " with lr" : "");
        } else if (s instanceof Step.TakeCheckpoint c) {
            return "checkpoint " + c.name();
        } else if (s instanceof Step.SetFreeze f) {
            return "policy freeze " + rule(f.rule());
        } else if (s instanceof Step.Unfreeze u) {
            return "unfreeze " + (u.rule() == null ? "all" : rule(u.rule()));
        } else if (s instanceof Step.SetFinetune f) {
            return "policy finetune when " + f.when().text();
        } else if (s instanceof Step.RunCycles r) {
            return "run " + r.cycles() + " cycles";
        } else if (s instanceof Step.RunUntil r) {
            return "run until " + r.until().text() + " max " + r.max();
        } else if (s instanceof Step.Save v) {
            return "save " + v.path();
        } else if (s instanceof Step.Compact c) {
            return "compact" + (c.path() == null ? "" : " save " + c.path());
        } else if (s instanceof Step.Expect e) {
            return "expect " + e.claim().text() + (e.at() == null ? "" : " at " + e.at().text())
                    + (e.variant().isEmpty() ? "" : " in " + e.variant());
        } else if (s instanceof Step.Sweep w) {
            StringBuilder out = new StringBuilder("sweep " + w.name() + ": " + w.variants().size() + " variants");
            for (Step.Variant v : w.variants()) {
                out.append("\n  variant ").append(w.name()).append(" = ").append(v.label())
                        .append(" (").append(v.value().show()).append(')');
                v.steps().forEach(step -> out.append("\n    ").append(of(step).replace("\n", "\n    ")));
            }
            return out.toString();
        }
        return s.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String prune(PruneSpec p) {
        String amount = p.perLayer() ? p.shares().stream().map(s -> (s.rate() > 0
                ? String.format(Locale.ROOT, "rate=%.4g", s.rate()) : String.format(Locale.ROOT, "target=%.4g", s.target()))
                + " on " + s.text() + " " + s.layers()).collect(java.util.stream.Collectors.joining(", "))
                + (p.shares().get(0).rate() > 0 ? "" : " over=" + p.over())
                : p.rate() > 0 ? String.format(Locale.ROOT, "rate=%.4g", p.rate())
                : String.format(Locale.ROOT, "target=%.4g over=%d", p.target(), p.over());
        return p.criterion().show() + (p.global() ? " global " : " layerwise ") + amount + " layers=" + p.layers();
    }

    private static String rule(LayerRule r) {
        return r.text() + " fixed=" + r.fixed() + (r.condition() == null ? "" : " when " + r.condition().text())
                + (r.share() > 0 ? " share=" + r.share() : "");
    }

    static String layer(LayerSpec l) {
        return l.name();
    }
}
