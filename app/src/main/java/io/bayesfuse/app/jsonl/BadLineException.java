package io.bayesfuse.app.jsonl;

/** An input line that cannot be used; the message names the field and the problem. */
public final class BadLineException extends Exception {

    public BadLineException(String message) {
        super(message);
    }
}
