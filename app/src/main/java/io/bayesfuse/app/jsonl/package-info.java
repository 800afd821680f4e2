/**
 * The JSON-lines plumbing of the offline commands {@code replay} and {@code fuse}:
 * {@link io.bayesfuse.app.jsonl.JsonLinesJob} hands every input line to a handler that writes its output
 * lines, and a bad line is reported on standard error as {@code line N: problem (skipped)} without
 * stopping the run, as a bad record does not stop the stream. {@link io.bayesfuse.app.jsonl.JsonFields}
 * reads typed fields, each failure a {@link io.bayesfuse.app.jsonl.BadLineException} naming the field;
 * {@code NaN} and {@code Infinity} tokens are read as numbers, so that the kernels, not the JSON parser,
 * report them.
 */
package io.bayesfuse.app.jsonl;
