package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DocCommandTest {

    @Test
    void docOfOneBuiltin() {
        CliTest.Result r = CliTest.prune("doc", "lenet5");
        assertEquals(Main.OK, r.code());
        assertTrue(r.out().startsWith("lenet5(activation)  (model)\n"), r.out());
    }

    @Test
    void docOfEverythingAsTextAndMarkdown() {
        CliTest.Result text = CliTest.prune("doc");
        assertTrue(text.out().startsWith("MODELS\n\nlenet_300_100  (model)\n"), text.out());
        assertTrue(text.out().contains("LEARNING-RATE SCHEDULES\n"), text.out());
        CliTest.Result md = CliTest.prune("doc", "--markdown");
        assertTrue(md.out().startsWith("# Reference of the builtins\n"), md.out());
    }

    @Test
    void anUnknownNameSuggestsTheClosest() {
        CliTest.Result r = CliTest.prune("doc", "scyc");
        assertEquals(Main.RECIPE_ERROR, r.code());
        assertEquals("error: no builtin named 'scyc'; did you mean 's_cyc'? ('prune doc' lists them all)\n", r.err());
    }
}
