package dev.prune.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.cli.Main;
import dev.prune.parser.gen.PruneLexer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates the example and stdlib recipes token by token (delete, repeat, swap, insert a token from
 * the grammar or an extreme number, nest deeply) with a fixed seed and runs {@code prune check} on
 * each: the exit code is 0 or 2, nothing prints a stack trace, and every error has its position.
 * A failure prints the input, which then belongs in {@code golden/errors}.
 */
class RecipeFuzzTest {
    private static final int INPUTS = 300;
    private static final long SEED = 19;
    private static final Pattern POSITIONED = Pattern.compile("^\\S+:\\d+:\\d+: (error|warning): .*");
    private static final String[] EXTRA = {"1e400", "-1", "0", "2.5", "1e9", "1e308", "-0", ".5", "100%", "1e-400",
        "(", ")", "[", "]", "{", "}", ",", ";", "\n", "=", "..", "\"x\"", "\"\"", "\"../x\"", "\"recipe.prune\"",
        "not", "and", "or", "-", "+", "*", "/", "<", ">=", "==", "%", "epochs", "iterations", "cycles", "x", "@",
        "\\\n", "#", "import \"nope\"", "sweep", "in", "when", "until", "every", "at", "by", "to", "over"};

    @TempDir
    Path dir;

    @Test
    void mutatedRecipesGetExitZeroOrTwoAndPositionedErrors() throws IOException {
        List<List<String>> seeds = seeds();
        Random random = new Random(SEED);
        for (int i = 0; i < INPUTS; i++) {
            List<String> tokens = new ArrayList<>(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                mutate(tokens, random);
            }
            String text = String.join("", tokens);
            Path file = dir.resolve("f" + i + ".prune");
            Files.writeString(file, text);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(new String[] {"check", file.toString()}, new PrintWriter(out), new PrintWriter(err));
            String what = "input " + i + ":\n" + text + "\n--- stderr:\n" + err;
            assertTrue(code == Main.OK || code == Main.RECIPE_ERROR, "exit " + code + " for " + what);
            assertFalse(err.toString().contains("Exception") || err.toString().contains("\tat ")
                    || err.toString().contains("Error:"), "a stack trace for " + what);
            for (String line : err.toString().split("\n")) {
                if (line.contains("error:") || line.contains("warning:")) {
                    assertTrue(POSITIONED.matcher(line).matches() || line.startsWith("error: cannot read "),
                            "an error without its position: " + line + "\nfor " + what);
                }
            }
        }
    }

    private static void mutate(List<String> tokens, Random random) {
        int at = tokens.isEmpty() ? 0 : random.nextInt(tokens.size());
        switch (random.nextInt(6)) {
            case 0 -> {
                if (!tokens.isEmpty()) {
                    tokens.remove(at);
                }
            }
            case 1 -> {
                if (!tokens.isEmpty()) {
                    tokens.add(at, tokens.get(at));
                }
            }
            case 2 -> {
                if (tokens.size() > 1) {
                    int j = random.nextInt(tokens.size());
                    String t = tokens.get(at);
                    tokens.set(at, tokens.get(j));
                    tokens.set(j, t);
                }
            }
            case 3, 4 -> tokens.add(at, " " + EXTRA[random.nextInt(EXTRA.length)] + " ");
            default -> {
                // deep nesting: the crashes of the past were brackets and signs by the thousand
                String open = new String[] {"(", "[", "-", "not "}[random.nextInt(4)];
                String close = open.equals("(") ? ")" : open.equals("[") ? "]" : "";
                int n = 50 + random.nextInt(5000);
                tokens.add(at, " " + open.repeat(n) + "1" + close.repeat(n) + " ");
            }
        }
    }

    /** The example and stdlib recipes as lexer tokens, hidden ones (spaces, comments) included. */
    private static List<List<String>> seeds() throws IOException {
        List<List<String>> all = new ArrayList<>();
        for (String folder : List.of("examples", "stdlib")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".prune")).sorted().toList()) {
                    PruneLexer lexer = new PruneLexer(CharStreams.fromString(Files.readString(f)));
                    lexer.removeErrorListeners();
                    List<String> tokens = new ArrayList<>();
                    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
                        tokens.add(t.getText());
                    }
                    all.add(tokens);
                }
            }
        }
        assertFalse(all.isEmpty());
        return all;
    }
}
