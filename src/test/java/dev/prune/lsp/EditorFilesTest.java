package dev.prune.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prune.parser.Lexemes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The VS Code extension under editors/vscode stays true to the language and starts the server. */
class EditorFilesTest {
    private static final Path VSCODE = Path.of("editors/vscode");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTextMateGrammarHighlightsEveryKeywordOfTheLexer() throws IOException {
        JsonNode repository = JSON.readTree(VSCODE.resolve("syntaxes/prune.tmLanguage.json").toFile()).get("repository");
        List<Pattern> words = new ArrayList<>();
        for (String rule : List.of("statement", "keyword", "constant")) {
            words.add(Pattern.compile(repository.get(rule).get("match").asText()));
        }
        for (String keyword : Lexemes.keywords()) {
            assertTrue(words.stream().anyMatch(p -> p.matcher(keyword).matches()), "not highlighted: " + keyword);
        }
        Pattern comment = Pattern.compile(repository.get("comment").get("match").asText(), Pattern.MULTILINE);
        assertTrue(comment.matcher("# a comment").matches());
    }

    @Test
    void theManifestNamesTheLanguageItsFilesAndTheServer() throws IOException {
        JsonNode manifest = JSON.readTree(VSCODE.resolve("package.json").toFile());
        JsonNode language = manifest.at("/contributes/languages/0");
        assertEquals("prune", language.get("id").asText());
        assertEquals(".prune", language.at("/extensions/0").asText());
        assertTrue(Files.isRegularFile(VSCODE.resolve(language.get("configuration").asText())));
        JSON.readTree(VSCODE.resolve(language.get("configuration").asText()).toFile());
        assertTrue(Files.isRegularFile(VSCODE.resolve(manifest.at("/contributes/grammars/0/path").asText())));
        String main = Files.readString(VSCODE.resolve(manifest.get("main").asText()));
        assertTrue(main.contains("args: ['lsp']"), main);
    }
}
