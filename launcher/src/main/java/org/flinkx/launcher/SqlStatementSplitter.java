package org.flinkx.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a SQL script into statements at each {@code ;} that ends a statement.
 *
 * <p>A {@code ;} inside a single-quoted string, a back-quoted identifier, a {@code --} line comment
 * or a {@code /* *}{@code /} block comment does not end a statement, and neither does one inside
 * {@code EXECUTE STATEMENT SET BEGIN ... END}: that whole block is one statement. Comments before a
 * statement are dropped; a {@code -- expect: <integer>} comment among them becomes the statement's
 * {@link SqlStatement#expected()} value. Comments inside a statement are kept.
 */
final class SqlStatementSplitter {

    private static final Pattern EXPECT =
            Pattern.compile("--\\s*expect\\s*:(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATEMENT_SET =
            Pattern.compile(
                    "EXECUTE\\s+STATEMENT\\s+SET\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final String script;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int pos;
    private int line = 1;
    private int startLine;
    private OptionalLong expected = OptionalLong.empty();

    private SqlStatementSplitter(String script) {
        this.script = script;
    }

    /**
     * Splits {@code script} into its statements, in order.
     *
     * @throws ScriptException if an {@code -- expect:} comment holds no integer
     */
    static List<SqlStatement> split(String script) throws ScriptException {
        SqlStatementSplitter splitter = new SqlStatementSplitter(script);
        splitter.scan();
        return splitter.statements;
    }

    private void scan() throws ScriptException {
        while (pos < script.length()) {
            char c = script.charAt(pos);
            if (script.startsWith("--", pos)) {
                lineComment();
            } else if (script.startsWith("/*", pos)) {
                blockComment();
            } else if (c == '\'' || c == '`') {
                quoted(c);
            } else if (c == ';' && !insideStatementSet()) {
                pos++;
                finishStatement();
            } else {
                append(script.substring(pos, pos + 1));
                pos++;
            }
        }
        finishStatement();
    }

    private void lineComment() throws ScriptException {
        int end = script.indexOf('\n', pos);
        String comment = script.substring(pos, end < 0 ? script.length() : end);
        pos += comment.length();
        if (current.length() > 0) {
            append(comment);
            return;
        }
        Matcher expect = EXPECT.matcher(comment.strip());
        if (expect.matches()) {
            expected = OptionalLong.of(parseExpected(expect.group(1).strip()));
        }
    }

    private void blockComment() {
        int end = script.indexOf("*/", pos + 2);
        String comment = script.substring(pos, end < 0 ? script.length() : end + 2);
        pos += comment.length();
        if (current.length() > 0) {
            append(comment);
        } else {
            line += newlines(comment);
        }
    }

    /** Copies a quoted string or identifier; a doubled quote inside reads as two quoted parts. */
    private void quoted(char quote) {
        int end = script.indexOf(quote, pos + 1);
        String text = script.substring(pos, end < 0 ? script.length() : end + 1);
        pos += text.length();
        append(text);
    }

    private void append(String text) {
        if (current.length() == 0 && text.isBlank()) {
            line += newlines(text);
            return;
        }
        if (current.length() == 0) {
            startLine = line;
        }
        current.append(text);
        line += newlines(text);
    }

    private boolean insideStatementSet() {
        return STATEMENT_SET.matcher(current).matches()
                && !endsWithWord(current.toString().stripTrailing(), "END");
    }

    private void finishStatement() {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            statements.add(new SqlStatement(sql, startLine, expected));
            expected = OptionalLong.empty();
        }
        current.setLength(0);
    }

    private long parseExpected(String value) throws ScriptException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ScriptException(
                    "line "
                            + line
                            + ": '-- expect:' must be followed by an integer, not '"
                            + value
                            + "'");
        }
    }

    private static boolean endsWithWord(String text, String word) {
        int start = text.length() - word.length();
        return start >= 0
                && text.regionMatches(true, start, word, 0, word.length())
                && (start == 0 || !Character.isJavaIdentifierPart(text.charAt(start - 1)));
    }

    private static int newlines(String text) {
        return (int) text.chars().filter(ch -> ch == '\n').count();
    }
}
