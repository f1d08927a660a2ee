package org.flinkx.launcher;

/** A mistake in the script, or a failed {@code -- expect:} check: its message says all. */
final class ScriptException extends Exception {

    ScriptException(String message) {
        super(message);
    }
}
