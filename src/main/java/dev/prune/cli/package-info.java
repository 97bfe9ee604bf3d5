/**
 * The {@code prune} command line (picocli): one small class per subcommand over the same
 * load-check-execute pipeline. Exit codes: 0 success, 1 run failure (including a failed
 * {@code expect}), 2 recipe or usage error. Without {@code --debug} no stack trace reaches the user.
 */
package dev.prune.cli;
