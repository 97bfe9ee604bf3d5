package dev.prune.ast;

import dev.prune.source.SourceFile;
import java.util.List;

/** One parsed file: its statements in order. Imports are resolved later, by the loader. */
public record Recipe(SourceFile source, List<Statement> statements) {}
