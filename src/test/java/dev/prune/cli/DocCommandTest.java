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
        assertEquals("error: 'scyc' is not a builtin, statement or stdlib module; did you mean 's_cyc' or 'scl'? "
                + "('prune doc' lists the builtins)\n", r.err());
    }

    @Test
    void aStatementWordHasItsForms() {
        CliTest.Result r = CliTest.prune("doc", "rewind");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("rewind  (statement: policy)\n"), r.out());
        assertTrue(r.out().contains("rewind to random"), r.out());
    }

    @Test
    void aStdlibModuleShowsItsCommentAndParams() {
        CliTest.Result r = CliTest.prune("doc", "lth");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("lth  (stdlib module: import \"lth\")\n"
                + "  Lottery ticket hypothesis"), r.out());
        assertTrue(r.out().contains("    lth_rate     20%\n"), r.out());
        assertTrue(r.out().contains("\n  requires model, data, train\n  parameters"), r.out());
    }

    @Test
    void aNameThatIsBothACriterionAndAModuleShowsBoth() {
        CliTest.Result r = CliTest.prune("doc", "snip");
        assertTrue(r.out().contains("(pruning criterion)"), r.out());
        assertTrue(r.out().contains("(stdlib module: import \"snip\")"), r.out());
    }

    @Test
    void markdownForOneName() {
        CliTest.Result r = CliTest.prune("doc", "l1", "--markdown");
        assertTrue(r.out().startsWith("### `l1`\n\n`l1"), r.out());
        CliTest.Result module = CliTest.prune("doc", "lth", "--markdown");
        assertTrue(module.out().contains("| `lth_rate` | 20% |"), module.out());
        assertTrue(module.out().contains("\n`requires model, data, train`\n"), module.out());
    }

    @Test
    void rangesAreWrittenAsPeopleWriteThemAndHeadingsAreDistinct() {
        String all = CliTest.prune("doc").out();
        assertTrue(all.contains("list of numbers > 0"), all);
        assertTrue(!all.contains("E-324"), all);
        assertEquals(1, all.split("\nMETRICS\n", -1).length - 1, all);
        assertTrue(all.contains("STOPPING RULES\n"), all);
    }
}
