package dev.prune.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.prune.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class FormatterTest {

    private static String fmt(String text) {
        Formatter.Result r = Formatter.format(new SourceFile("t.prune", text));
        if (!r.ok()) {
            throw new AssertionError(r.diagnostics().render());
        }
        return r.text();
    }

    /** Input and the canonical layout expected for it. */
    private static final String[][] CASES = {
        {"seed   42;model  lenet_300_100", "seed 42; model lenet_300_100\n"},
        {"prune l1 by 20 % every cycle", "prune l1 by 20% every cycle\n"},
        {"lr s_cyc( max = 0.1 , k=4 )", "lr s_cyc(max=0.1, k=4)\n"},
        {"let x = - ( 2+3 ) * 4/2 -1", "let x = -(2 + 3) * 4 / 2 - 1\n"},
        {"let y = 3 - -2", "let y = 3 - -2\n"},
        {"let e = 1e-3", "let e = 1e-3\n"},
        {"freeze layers 0 .. 2", "freeze layers 0..2\n"},
        {"freeze layers[0,\"fc2\"]", "freeze layers [0, \"fc2\"]\n"},
        {"expect accuracy>=80% at sparsity>=85% and not cycle<2",
            "expect accuracy >= 80% at sparsity >= 85% and not cycle < 2\n"},
        {"run 10 cycles;run until sparsity>=90% max 30 cycles", "run 10 cycles; run until sparsity >= 90% max 30 cycles\n"},
        {"seed 1;\nreport ;", "seed 1\nreport\n"},
        {"\n\n# top\n\n\n\nseed 1   # kept where it was\n\n\n", "# top\n\nseed 1   # kept where it was\n"},
        {"seed 1#tight\n", "seed 1 #tight\n"},
        {"\tmodel\tlenet_300_100  \n", "model lenet_300_100\n"},
        {"train 1 epoch \\\n   lr 0.1", "train 1 epoch \\\n    lr 0.1\n"},
        {"data shapes(train=600,\n        test=200\n)", "data shapes(train=600,\n    test=200\n)\n"},
        {"mlp_widths = 1", null},
        {"sweep m in [0.1,0.2] {\nlr s_cyc(max=m)\n  # inside\nrun 1 cycle\n}",
            "sweep m in [0.1, 0.2] {\n    lr s_cyc(max=m)\n    # inside\n    run 1 cycle\n}\n"},
        {"prune global random by 20% every cycle except output", "prune global random by 20% every cycle except output\n"},
        {"rewind to init ; checkpoint early", "rewind to init; checkpoint early\n"},
    };

    @Test
    void layoutIsCanonical() {
        for (String[] c : CASES) {
            if (c[1] == null) {
                assertFalse(Formatter.format(new SourceFile("t.prune", c[0])).ok(), "a syntax error: " + c[0]);
                continue;
            }
            assertEquals(c[1], fmt(c[0]), "formatting " + c[0]);
            assertEquals(c[1], fmt(c[1]), "formatting is idempotent for " + c[1]);
        }
    }

    @Test
    void aFileWithSyntaxErrorsIsLeftAloneWithItsDiagnostics() {
        Formatter.Result r = Formatter.format(new SourceFile("bad.prune", "prune l1 by 20% every\n"));
        assertFalse(r.ok());
        assertEquals(true, r.diagnostics().render().startsWith("bad.prune:1:"));
    }

    /** Every example and stdlib recipe is already in the canonical layout. */
    @TestFactory
    Stream<DynamicTest> examplesAndStdlibAreCanonical() throws IOException {
        return Stream.concat(files(Path.of("examples")).stream(), files(Path.of("stdlib")).stream())
                .map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
                    String text = Files.readString(file);
                    assertEquals(text, fmt(text), "prune fmt " + file + " would change it");
                }));
    }

    /** Formatting a formatted file changes nothing, for every recipe in the test data that parses. */
    @TestFactory
    Stream<DynamicTest> idempotentOnTheGoldenRecipes() throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/golden"))) {
            all = s.filter(p -> p.toString().endsWith(".prune")).sorted().toList();
        }
        return all.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Formatter.Result once = Formatter.format(SourceFile.read(file));
            if (once.ok()) {
                assertEquals(once.text(), fmt(once.text()));
            }
        }));
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".prune")).sorted().toList();
        }
    }
}
