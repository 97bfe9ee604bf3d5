package dev.prune.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.builtins.Registry;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class HighlightingTest {
    private final Highlighting highlighting = new Highlighting(Registry.standard());

    private AttributedStyle styleAt(String text, String part) {
        AttributedString s = highlighting.highlight(text);
        return s.styleAt(text.indexOf(part));
    }

    @Test
    void tokensAreColouredByWhatTheLexerSaysTheyAre() {
        String line = "lr s_cyc(max=0.1, k=4) # peak @";
        assertEquals(Highlighting.KEYWORD, styleAt(line, "lr"));
        assertEquals(Highlighting.BUILTIN, styleAt(line, "s_cyc"));
        assertEquals(AttributedStyle.DEFAULT, styleAt(line, "max"), "an argument name, though 'max' is a keyword");
        assertEquals(Highlighting.NUMBER, styleAt(line, "0.1"));
        assertEquals(Highlighting.COMMENT, styleAt(line, "# peak"));
        assertEquals(Highlighting.ERROR, styleAt("seed 1 @", "@"));
        assertEquals(Highlighting.STRING, styleAt("save \"m.zip\"", "\"m.zip\""));
        assertEquals(Highlighting.COMMAND, styleAt(":show layers", ":show"));
        assertEquals("seed 1 @", highlighting.highlight("seed 1 @").toString(), "colours only, the text as typed");
    }
}
