package dev.prune.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The language server: what it offers, and its life from initialize to exit. */
public final class PruneServer implements LanguageServer, LanguageClientAware {
    /** Characters after which an editor asks for completion without a key press. */
    static final List<String> TRIGGERS = List.of("(", ",", "=", " ", "\"");

    private final RecipeDocuments documents = new RecipeDocuments();
    private volatile boolean shutdown;
    private volatile Runnable onExit = () -> { };

    /** Serves over the streams until the client exits or closes them; 0 after a shutdown request, else 1. */
    public static int serve(InputStream in, OutputStream out) {
        PruneServer server = new PruneServer();
        Future<Void> listening = server.launch(in, out).startListening();
        server.onExit = () -> listening.cancel(true);
        try {
            listening.get();
        } catch (CancellationException | ExecutionException ended) {
            // exit was asked for, or the stream broke: either way the session is over
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return server.shutdown ? 0 : 1;
    }

    /** Connects this server to a client over the streams; the caller starts listening. */
    public Launcher<LanguageClient> launch(InputStream in, OutputStream out) {
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(this, in, out);
        connect(launcher.getRemoteProxy());
        return launcher;
    }

    @Override
    public void connect(LanguageClient client) {
        documents.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ServerCapabilities capabilities = new ServerCapabilities();
        capabilities.setTextDocumentSync(TextDocumentSyncKind.Full);
        capabilities.setCompletionProvider(new CompletionOptions(false, TRIGGERS));
        capabilities.setHoverProvider(true);
        capabilities.setDefinitionProvider(true);
        capabilities.setDocumentFormattingProvider(true);
        return CompletableFuture.completedFuture(new InitializeResult(capabilities, new ServerInfo("prune")));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        onExit.run();
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return new WorkspaceService() {
            @Override
            public void didChangeConfiguration(DidChangeConfigurationParams params) {
                // no settings
            }

            @Override
            public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
                // imports are read again on every change and save
            }
        };
    }
}
