package dev.prune.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Builtin;
import dev.prune.builtins.Registry;
import dev.prune.cli.Main;
import dev.prune.doc.Reference;
import dev.prune.format.Formatter;
import dev.prune.source.SourceFile;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code prune lsp} as an editor does: JSON-RPC over a pair of pipes, in this JVM. */
class LanguageServerTest {
    private static final long WAIT = 20;

    @TempDir
    Path dir;

    private final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    private LanguageServer server;
    private final List<java.io.Closeable> pipes = new ArrayList<>();

    /** The editor's side: it only collects what the server publishes. */
    private final class Editor implements LanguageClient {
        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            published.add(diagnostics);
        }

        @Override
        public void showMessage(MessageParams message) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }
    }

    @BeforeEach
    void connect() throws Exception {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream toServer = new PipedOutputStream(serverIn);
        PipedInputStream editorIn = new PipedInputStream(1 << 16);
        PipedOutputStream toEditor = new PipedOutputStream(editorIn);
        pipes.addAll(List.of(toServer, serverIn, toEditor, editorIn));
        new PruneServer().launch(serverIn, toEditor).startListening();
        Launcher<LanguageServer> editor = LSPLauncher.createClientLauncher(new Editor(), editorIn, toServer);
        editor.startListening();
        server = editor.getRemoteProxy();
        InitializeResult init = server.initialize(new InitializeParams()).get(WAIT, TimeUnit.SECONDS);
        assertTrue(init.getCapabilities().getHoverProvider().getLeft());
        assertTrue(init.getCapabilities().getCompletionProvider().getTriggerCharacters().contains("("));
        server.initialized(new InitializedParams());
    }

    @AfterEach
    void close() throws Exception {
        server.shutdown().get(WAIT, TimeUnit.SECONDS);
        server.exit();
        for (java.io.Closeable c : pipes) {
            c.close();
        }
    }

    private String open(Path file, String text) throws IOException {
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "prune", 1, text)));
        return uri;
    }

    private List<Diagnostic> diagnostics(String uri) throws InterruptedException {
        PublishDiagnosticsParams p = published.poll(WAIT, TimeUnit.SECONDS);
        assertNotNull(p, "no diagnostics published");
        assertEquals(uri, p.getUri());
        return p.getDiagnostics();
    }

    /** {@code line:column: severity: message}, 1-based as prune check prints it. */
    private static List<String> asCheckPrints(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> (d.getRange().getStart().getLine() + 1) + ":"
                + (d.getRange().getStart().getCharacter() + 1) + ": "
                + (d.getSeverity() == DiagnosticSeverity.Error ? "error" : "warning") + ": " + d.getMessage()).toList();
    }

    /** What {@code prune check FILE} prints for each diagnostic, without the file name. */
    private static List<String> check(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"check", file.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(err.toString().contains(": error: ") ? Main.RECIPE_ERROR : Main.OK, code, out + "" + err);
        Matcher m = Pattern.compile("^" + Pattern.quote(file.toString()) + ":(\\d+:\\d+: (error|warning): .*)$",
                Pattern.MULTILINE).matcher(err.toString());
        List<String> lines = new ArrayList<>();
        while (m.find()) {
            lines.add(m.group(1));
        }
        return lines;
    }

    @Test
    void aRecipeWithErrorsGetsTheDiagnosticsOfPruneCheckAtTheSamePositions() throws Exception {
        Path file = dir.resolve("broken.prune");
        String uri = open(file, """
                model lenet_300_100
                data shapes()
                prnue l1 by 20% every cycle
                lr s_cyc(maxx=0.1, k=4)
                trian 1 epoch
                run 2 cycles
                """);
        List<String> expected = check(file);
        assertTrue(expected.size() >= 3, expected.toString());
        assertEquals(expected, asCheckPrints(diagnostics(uri)));
    }

    @Test
    void aModuleIsCheckedAsPruneCheckChecksItAlone() throws Exception {
        Path file = dir.resolve("module.prune");
        String uri = open(file, "requires model, data, train\nprune l1 by 20% on fc9 every cycle\nretrain 1 epoch\n");
        List<String> expected = check(file);
        assertEquals(1, expected.size(), expected.toString());
        assertTrue(expected.get(0).startsWith("2:20: error: no layer 'fc9' in lenet5"), expected.toString());
        assertEquals(expected, asCheckPrints(diagnostics(uri)));
    }

    @Test
    void aModuleWithoutAModelGetsWhatPruneCheckSaysOfIt() throws Exception {
        Path file = dir.resolve("module.prune");
        String uri = open(file, "prune l1 by 20% every cycle\nretrain 1 epoch\nrun 2 cycles\n");
        assertEquals(check(file), asCheckPrints(diagnostics(uri)));
        Path lth = dir.resolve("lth.prune");
        String stdlib = open(lth, dev.prune.parser.RecipeLoader.stdlib("lth"));
        assertEquals(List.of(), check(lth));
        assertEquals(List.of(), asCheckPrints(diagnostics(stdlib)), "a stdlib module checks alone");
    }

    @Test
    void aChangeIsCheckedAgainAndAFixedRecipeHasNoDiagnostics() throws Exception {
        Path file = dir.resolve("fix.prune");
        String uri = open(file, "model lenet_300_100\ndata shapes()\nlr 0.1\ntrian 1 epoch\n");
        assertEquals(1, diagnostics(uri).size());
        TextDocumentContentChangeEvent whole = new TextDocumentContentChangeEvent(
                "model lenet_300_100\ndata shapes()\nlr 0.1\ntrain 1 epoch\n");
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 2), List.of(whole)));
        assertEquals(List.of(), diagnostics(uri));
    }

    @Test
    void anErrorInAnImportedFileIsShownOnTheImport() throws Exception {
        Files.writeString(dir.resolve("pol.prune"), "prune l1 by 20% evry cycle\n");
        Path file = dir.resolve("main.prune");
        String uri = open(file, "model lenet_300_100\ndata shapes()\nlr 0.1\nimport \"pol\"\nrun 1 cycle\n");
        List<Diagnostic> found = diagnostics(uri).stream()
                .filter(d -> d.getMessage().startsWith(dir.resolve("pol.prune") + ":1:")).toList();
        assertFalse(found.isEmpty(), "no diagnostic of pol.prune");
        assertEquals(3, found.get(0).getRange().getStart().getLine(), found.toString());
    }

    private List<String> complete(String uri, int line, int character) throws Exception {
        List<CompletionItem> items = server.getTextDocumentService()
                .completion(new CompletionParams(new TextDocumentIdentifier(uri), new Position(line, character)))
                .get(WAIT, TimeUnit.SECONDS).getLeft();
        return items.stream().map(CompletionItem::getLabel).toList();
    }

    @Test
    void completionInsideSCycOffersItsParametersAndElsewhereTheRegistrysWords() throws Exception {
        Path file = dir.resolve("typing.prune");
        String uri = open(file, "model lenet_300_100\ndata shapes()\nparam rate = 20%\nlr s_cyc(\n");
        diagnostics(uri);
        List<String> inCall = complete(uri, 3, "lr s_cyc(".length());
        assertTrue(inCall.containsAll(List.of("max=", "min=", "k=", "base=", "triangles=")), inCall.toString());
        assertTrue(inCall.contains("rate"), "names in scope: " + inCall);
        List<String> afterModel = complete(uri, 0, "model ".length());
        assertTrue(afterModel.containsAll(List.of("lenet_300_100", "mlp", "resnet")), afterModel.toString());
        List<String> statementWords = complete(uri, 2, 0);
        assertTrue(statementWords.containsAll(List.of("prune", "rewind", "retrain", "import")), statementWords.toString());
    }

    @Test
    void completionAfterImportOffersTheStdlibModules() throws Exception {
        Path file = dir.resolve("imp.prune");
        String uri = open(file, "import \"l\n");
        diagnostics(uri);
        List<String> modules = complete(uri, 0, "import \"l".length());
        assertTrue(modules.contains("lth"), modules.toString());
    }

    @Test
    void hoverShowsWhatPruneDocPrintsAndTheValueOfAName() throws Exception {
        Path file = dir.resolve("hover.prune");
        String uri = open(file, "param rate = 20%\nlr s_cyc(max=0.1)\nprune l1 by rate every cycle\n");
        diagnostics(uri);
        Hover builtin = server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                new Position(1, 5))).get(WAIT, TimeUnit.SECONDS);
        assertEquals(Reference.of(Registry.standard(), "s_cyc", false).orElseThrow(), builtin.getContents().getRight().getValue());
        Hover statement = server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                new Position(2, 1))).get(WAIT, TimeUnit.SECONDS);
        assertEquals(Reference.of(Registry.standard(), "prune", false).orElseThrow(), statement.getContents().getRight().getValue());
        Hover parameter = server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                new Position(1, "lr s_cyc(m".length()))).get(WAIT, TimeUnit.SECONDS);
        Builtin<?> sCyc = Registry.standard().find("s_cyc").orElseThrow();
        assertEquals(Reference.text(sCyc, sCyc.param("max").orElseThrow()), parameter.getContents().getRight().getValue());
        Hover name = server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                new Position(2, 13))).get(WAIT, TimeUnit.SECONDS);
        assertTrue(name.getContents().getRight().getValue().startsWith("param rate = 20%"), name.getContents().getRight().getValue());
    }

    private List<? extends Location> definition(String uri, int line, int character) throws Exception {
        return server.getTextDocumentService().definition(new DefinitionParams(new TextDocumentIdentifier(uri),
                new Position(line, character))).get(WAIT, TimeUnit.SECONDS).getLeft();
    }

    @Test
    void definitionLeadsToTheLetOrParamAndToTheImportedFile() throws Exception {
        Files.writeString(dir.resolve("pol.prune"), "let share = 20%\nprune l1 by share every cycle\n");
        Path file = dir.resolve("defs.prune");
        String uri = open(file, "param epochs_each = 2 epochs\nimport \"pol\"\nimport \"lth\"\n"
                + "retrain epochs_each\nprune l1 by share every cycle\n");
        diagnostics(uri);
        List<? extends Location> param = definition(uri, 3, "retrain ep".length());
        assertEquals(1, param.size());
        assertEquals(uri, param.get(0).getUri());
        assertEquals(new Position(0, "param ".length()), param.get(0).getRange().getStart());
        List<? extends Location> let = definition(uri, 4, "prune l1 by sh".length());
        assertEquals(dir.resolve("pol.prune").toUri().toString(), let.get(0).getUri());
        assertEquals(new Position(0, "let ".length()), let.get(0).getRange().getStart());
        List<? extends Location> local = definition(uri, 1, "import \"p".length());
        assertEquals(dir.resolve("pol.prune").toUri().toString(), local.get(0).getUri());
        List<? extends Location> stdlib = definition(uri, 2, "import \"l".length());
        assertTrue(stdlib.get(0).getUri().endsWith("stdlib/lth.prune"), stdlib.get(0).getUri());
    }

    @Test
    void formattingIsPruneFmtsLayout() throws Exception {
        Path file = dir.resolve("messy.prune");
        String text = "model   lenet_300_100\ndata shapes( )\nlr s_cyc(max = 0.1,k=4)   # peak\n";
        String uri = open(file, text);
        diagnostics(uri);
        List<? extends TextEdit> edits = server.getTextDocumentService().formatting(new DocumentFormattingParams(
                new TextDocumentIdentifier(uri), new FormattingOptions(4, true))).get(WAIT, TimeUnit.SECONDS);
        assertEquals(1, edits.size());
        assertEquals(new Position(0, 0), edits.get(0).getRange().getStart());
        assertEquals(new Position(3, 0), edits.get(0).getRange().getEnd());
        String expected = Formatter.format(new SourceFile("messy.prune", text)).text();
        assertEquals(expected, edits.get(0).getNewText());
        assertFalse(expected.equals(text));
    }
}
