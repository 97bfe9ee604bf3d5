package dev.prune.builtins;

import dev.prune.ast.Unit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Values of the language, as the checker and the interpreter compute them. */
public sealed interface Value {

    String show();

    /** A number with its unit; a percentage keeps the written number ({@code 20%} is 20, PERCENT). */
    record Num(double value, Unit unit) implements Value {
        public static Num of(double value) {
            return new Num(value, Unit.NONE);
        }

        /** Percentages as fractions, everything else as written: what comparisons and metrics use. */
        public double plain() {
            return unit == Unit.PERCENT ? value / 100.0 : value;
        }

        @Override
        public String show() {
            String number = dev.prune.ast.Printer.number(value);
            switch (unit) {
                case NONE: return number;
                case PERCENT: return number + "%";
                default:
                    String word = unit.text();
                    return number + " " + (value == 1 ? word.substring(0, word.length() - 1) : word);
            }
        }
    }

    record Str(String value) implements Value {
        @Override
        public String show() {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String show() {
            return Boolean.toString(value);
        }
    }

    record ListV(List<Value> items) implements Value {
        @Override
        public String show() {
            return items.stream().map(Value::show).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /**
     * A builtin named as a value, bare ({@code l1}) or called ({@code s_cyc(max=0.1)}); the
     * arguments are bound and checked against the builtin's parameters.
     */
    record Ref(String name, Map<String, Value> args, boolean called) implements Value {
        @Override
        public String show() {
            if (!called) {
                return name;
            }
            return args.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().show())
                    .collect(Collectors.joining(", ", name + "(", ")"));
        }
    }
}
