package dev.prune.lsp;

import dev.prune.ast.Statement;
import dev.prune.format.Formatter;
import dev.prune.front.FrontEnd;
import dev.prune.parser.RecipeLoader;
import dev.prune.source.SourceFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * One recipe open in the editor, as the editor has it (saved or not), checked by the front end
 * with its imports read next to its file and as a file on its own, as {@code prune check FILE} does.
 */
final class Document {
    final String uri;
    final String text;
    /** The file behind the editor's buffer, or null when it has none (an untitled buffer). */
    final Path path;
    final SourceFile source;
    private FrontEnd.Result checked;

    Document(String uri, String text) {
        this.uri = uri;
        this.text = text;
        this.path = file(uri);
        this.source = new SourceFile(path != null ? path.toString() : uri, text);
    }

    private static Path file(String uri) {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Path.of(u) : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    /** The folder imports are read from first: the file's own (null: the stdlib only). */
    Path folder() {
        return path == null ? null : path.toAbsolutePath().getParent();
    }

    /** The front end's result for this text, computed once. */
    FrontEnd.Result checked() {
        if (checked == null) {
            // As 'prune check' of this file: a module stands on the stand-ins its 'requires' asks for.
            checked = FrontEnd.standard().importsFrom(folder()).modulesAlone().check(source);
        }
        return checked;
    }

    /**
     * {@code prune check}'s diagnostics at its positions. One found in an imported file is shown
     * on the import that brought it in, with the file's own position before the message.
     */
    List<Diagnostic> diagnostics() {
        FrontEnd.Result result = checked();
        List<Diagnostic> out = new ArrayList<>();
        for (dev.prune.source.Diagnostic d : result.diagnostics().sorted()) {
            Range range = Positions.range(d.span());
            String message = d.message();
            if (!d.span().isNone() && d.span().file() != source) {
                Statement via = importOf(result, d.span().file());
                range = via == null ? Positions.range(dev.prune.source.Span.none()) : Positions.range(via.span());
                message = d.span().where() + ": " + message;
            }
            out.add(new Diagnostic(range, message,
                    d.isError() ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "prune"));
        }
        return out;
    }

    /** The import written in this file that reads {@code file}, directly or through another; else the first import. */
    private static Statement importOf(FrontEnd.Result result, SourceFile file) {
        Statement first = null;
        for (RecipeLoader.Unit unit : result.units()) {
            if (unit.written() instanceof Statement.Import i) {
                first = first == null ? i : first;
                if (unit.statements().stream().anyMatch(s -> s.span().file() == file)) {
                    return i;
                }
            }
        }
        return first;
    }

    /** {@code prune fmt}'s layout as one edit of the whole text; none when it is already so or does not parse. */
    List<TextEdit> formatting() {
        Formatter.Result formatted;
        try {
            formatted = Formatter.format(source);
        } catch (IllegalStateException refused) {
            return List.of(); // the formatter would change the meaning: leave the text as it is
        }
        if (!formatted.ok() || formatted.text().equals(text)) {
            return List.of();
        }
        return List.of(new TextEdit(Positions.whole(text), formatted.text()));
    }
}
