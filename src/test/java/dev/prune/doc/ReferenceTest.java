package dev.prune.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Builtin;
import dev.prune.builtins.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReferenceTest {

    @Test
    void oneBuiltinShowsHowItIsCalledItsParametersAndItsPaper() {
        String text = Reference.text(Registry.standard().find("s_cyc").orElseThrow());
        assertTrue(text.startsWith("s_cyc(max, min, k, rate, delay, base, triangles)  (learning-rate schedule)\n"), text);
        assertTrue(text.contains("\n  paper: S-Cyc"), text);
        assertTrue(text.contains("    min        percentage in 0%..100%       40%                 lowest peak"), text);
        assertTrue(text.contains("    delay      number of cycles in 0..1000  1                   cycles that keep"), text);
        // Left out, the rate is the prune policy's: no number stands in the default's place.
        assertTrue(text.contains("    rate       percentage in 0%..100%       the prune policy's  share of the"), text);
        assertEquals("l1  (pruning criterion)\n  magnitude |w|: prune the smallest weights\n"
                + "  paper: Han et al. 2015; Frankle & Carbin 2019\n",
                Reference.text(Registry.standard().find("l1").orElseThrow()));
    }

    @Test
    void theMarkdownHasEveryBuiltin() {
        String md = Reference.markdown(Registry.standard());
        for (Builtin<?> b : Registry.standard().all()) {
            assertTrue(md.contains("`" + b.name() + "`"), b.name());
        }
        assertTrue(md.contains("| `widths...` | list of numbers | required |"), md);
    }

    /**
     * The build writes its reference to target/ (see the pom), never over docs/reference.md, so a
     * stale committed file fails here.
     */
    @Test
    void theCommittedReferenceIsWhatTheRegistrySays() throws IOException {
        assertEquals(Reference.markdown(Registry.standard()), Files.readString(Path.of("docs/reference.md")),
                "docs/reference.md is out of date: run 'mvn -o process-classes -Dreference.out=docs/reference.md' "
                        + "and commit it");
    }
}
