package dev.prune.ast;

import dev.prune.source.Span;
import java.util.List;

/** Expressions: literals, names, builtin calls with named arguments, lists and operators. */
public sealed interface Expr {
    Span span();

    record Num(Span span, double value, Unit unit) implements Expr {}

    record Str(Span span, String value) implements Expr {}

    record Bool(Span span, boolean value) implements Expr {}

    record Name(Span span, String name) implements Expr {}

    /** {@code name(arg, key=arg)}; positional arguments have a null name. */
    record Call(Span span, String callee, Span calleeSpan, List<Arg> args) implements Expr {}

    record Arg(Span span, String name, Expr value) {
        public boolean named() {
            return name != null;
        }
    }

    record ListLit(Span span, List<Expr> items) implements Expr {}

    record Unary(Span span, Op op, Expr operand) implements Expr {}

    record Binary(Span span, Op op, Expr left, Expr right) implements Expr {}

    enum Op {
        NEG("-"), NOT("not"), MUL("*"), DIV("/"), ADD("+"), SUB("-"),
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="), AND("and"), OR("or");

        private final String text;

        Op(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public boolean comparison() {
            return this == LT || this == LE || this == GT || this == GE || this == EQ || this == NE;
        }
    }
}
