package dev.prune.lsp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The open recipes, each kept as the editor has it (whole-text sync). Every change checks the
 * text again and publishes its diagnostics; a save checks every open recipe again, since one may
 * import the file saved.
 */
final class RecipeDocuments implements TextDocumentService {
    private final Map<String, Document> open = new ConcurrentHashMap<>();
    private volatile LanguageClient client;

    void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        update(params.getTextDocument().getUri(), params.getTextDocument().getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
        if (!changes.isEmpty()) {
            // whole-text sync: the last change is the text
            update(params.getTextDocument().getUri(), changes.get(changes.size() - 1).getText());
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        open.remove(uri);
        publish(uri, List.of());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        for (Document d : List.copyOf(open.values())) {
            update(d.uri, d.text);
        }
    }

    private void update(String uri, String text) {
        Document document = new Document(uri, text);
        open.put(uri, document);
        publish(uri, document.diagnostics());
    }

    private void publish(String uri, List<org.eclipse.lsp4j.Diagnostic> diagnostics) {
        LanguageClient c = client;
        if (c != null) {
            c.publishDiagnostics(new PublishDiagnosticsParams(uri, diagnostics));
        }
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        Document d = open.get(params.getTextDocument().getUri());
        List<CompletionItem> items = d == null ? List.of() : new Assist(d).completion(params.getPosition());
        return CompletableFuture.completedFuture(Either.forLeft(items));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        Document d = open.get(params.getTextDocument().getUri());
        return CompletableFuture.completedFuture(d == null ? null : new Assist(d).hover(params.getPosition()));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        Document d = open.get(params.getTextDocument().getUri());
        List<Location> found = d == null ? List.of() : new Assist(d).definition(params.getPosition());
        return CompletableFuture.completedFuture(Either.forLeft(found));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        Document d = open.get(params.getTextDocument().getUri());
        return CompletableFuture.completedFuture(d == null ? List.of() : d.formatting());
    }
}
