package dev.prune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grid options parsed by the language's parser, values kept as written, and their combinations. */
class GridTest {
    @Test
    void valuesAreKeptAsWrittenInTheRecipeLanguage() {
        assertEquals(new Grid.Dimension("lr", List.of("1e-3", "0.05", "s_cyc(max=0.1, k=4)")),
                Grid.dimension("lr=[1e-3, 0.05,s_cyc(max=0.1, k=4)]"));
        assertEquals(List.of("20%", "3 epochs", "\"a b\""), Grid.dimension("x = [20%, 3 epochs, \"a b\"]").values());
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertEquals("--grid lr=[0.1, 0.1]: 0.1 is given twice",
                assertThrows(StudyException.class, () -> Grid.dimension("lr=[0.1, 0.1]")).getMessage());
        assertEquals("--grid lr=[]: the list is empty; write e.g. --grid 'rate=[20%, 50%]'",
                assertThrows(StudyException.class, () -> Grid.dimension("lr=[]")).getMessage());
        assertEquals("--grid 1x=[1]: '1x' is not a param name; write e.g. --grid 'rate=[20%, 50%]'",
                assertThrows(StudyException.class, () -> Grid.dimension("1x=[1]")).getMessage());
        assertEquals("--seeds 1,-2: seed -2 is negative; seeds start at 0",
                assertThrows(StudyException.class, () -> Grid.seeds("1,-2")).getMessage());
    }

    @Test
    void theFirstDimensionVariesSlowest() {
        List<Map<String, String>> points = Grid.points(List.of(new Grid.Dimension("a", List.of("1", "2")),
                new Grid.Dimension("b", List.of("x", "y"))));
        assertEquals(List.of(Map.of("a", "1", "b", "x"), Map.of("a", "1", "b", "y"), Map.of("a", "2", "b", "x"),
                Map.of("a", "2", "b", "y")), points);
        assertEquals("a=1 b=y", new RunSpec("r", null, points.get(1)).variant());
    }
}
