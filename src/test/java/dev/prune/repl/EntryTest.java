package dev.prune.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** When an entry is finished, as a table: the parser decides, the REPL only asks. */
class EntryTest {

    private static final Object[][] INCOMPLETE = {
        {"", false},
        {"evaluate", false},
        {"model lenet_300_100", false},
        {"model", true},
        {"prune l1 by 20% every", true},
        {"prune l1 by 20% every\n", false},
        {"data shapes(train=600,", true},
        {"data shapes(train=600,\n", true},
        {"data shapes(train=600,\n  test=100)", false},
        {"freeze layers [0,\n1]", false},
        {"train 1 epoch \\", true},
        {"train 1 epoch \\\n  lr 0.1", false},
        {"let x = 1 +", true},
        {"lr s_cyc(max=0.1 k=4)", false},
        {"modl x", false},
        {":show", false},
        {":load (", false},
        {"seed 1 # a comment", false},
        {"sweep m in [1, 2] {", true},
    };

    @Test
    void whenAnEntryGoesOnToTheNextLine() {
        for (Object[] row : INCOMPLETE) {
            assertEquals(row[1], Entry.incomplete((String) row[0]), "incomplete(\"" + row[0] + "\")");
        }
    }

    @Test
    void linesJoinedBecauseAStatementEndedTooSoonGetTheContinuationAFileWouldNeed() {
        assertEquals("prune l1 by 20% every \\\ncycle", Entry.joined("prune l1 by 20% every\ncycle"));
        assertEquals("data shapes(train=600,\ntest=100)", Entry.joined("data shapes(train=600,\ntest=100)"));
        assertEquals("train 1 epoch \\\nlr 0.1", Entry.joined("train 1 epoch \\\nlr 0.1"));
        assertEquals("prune l1 by\n", Entry.joined("prune l1 by\n"));
        // While the last line is being typed (Tab on it), the line before continues even when it is blank.
        assertEquals("prune l1 by 20% on \\\n", Entry.joined("prune l1 by 20% on\n", true));
        assertEquals("prune l1 by 20% on \\\n    hid", Entry.joined("prune l1 by 20% on\n    hid", true));
        assertEquals("seed 1\nevaluate", Entry.joined("seed 1\nevaluate"));
    }
}
