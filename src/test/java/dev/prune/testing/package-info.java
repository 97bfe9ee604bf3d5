/** Test support: a fake engine that logs its calls, and shared helpers for recipe tests. */
package dev.prune.testing;
