package org.linuxfpsync.cmgr.options;

/** A bad option or variable: the message is the one line the journal shows. */
public final class OptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OptionException(String message) {
        super(message, null, false, false);
    }
}
