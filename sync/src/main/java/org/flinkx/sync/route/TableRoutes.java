package org.flinkx.sync.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ObjectPath;
import org.flinkx.sync.definition.SyncDefinition;

/**
 * Which source tables a sync captures and where each goes. A table is captured when {@code
 * source.tables} matches all of {@code database.table}; its route is the first rule whose {@code
 * tables} matches all of it, and its target that rule's {@code target} with the match's groups put
 * in ({@code $1}, {@code ${name}}); a captured table no rule matches goes to the table of its own
 * name.
 */
@Internal
public final class TableRoutes {

    private final Pattern captured;
    private final List<SyncDefinition.Route> rules;
    private final List<Pattern> patterns = new ArrayList<>();

    public TableRoutes(String captured, List<SyncDefinition.Route> rules) {
        this.captured = Pattern.compile(captured);
        this.rules = List.copyOf(rules);
        for (SyncDefinition.Route rule : rules) {
            patterns.add(Pattern.compile(rule.tables()));
        }
    }

    /** A captured table's route, or empty when the sync does not capture it. */
    public Optional<Routed> route(String database, String table) {
        String name = database + "." + table;
        if (!captured.matcher(name).matches()) {
            return Optional.empty();
        }
        for (int i = 0; i < rules.size(); i++) {
            Matcher m = patterns.get(i).matcher(name);
            if (m.matches()) {
                SyncDefinition.Route rule = rules.get(i);
                String target;
                try {
                    target = m.replaceFirst(rule.target());
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    throw new ValidationException(
                            String.format(
                                    "The target '%s' of routes[%d] names a group that '%s' does "
                                            + "not have: %s",
                                    rule.target(), i, rule.tables(), e.getMessage()));
                }
                return Optional.of(new Routed(path(target, i, name), rule));
            }
        }
        return Optional.of(new Routed(new ObjectPath(database, table), null));
    }

    private static ObjectPath path(String target, int rule, String source) {
        int dot = target.indexOf('.');
        if (dot <= 0 || dot == target.length() - 1 || target.indexOf('.', dot + 1) >= 0) {
            throw new ValidationException(
                    String.format(
                            "The target of routes[%d] for table '%s' is '%s', which is not "
                                    + "database.table.",
                            rule, source, target));
        }
        return new ObjectPath(target.substring(0, dot), target.substring(dot + 1));
    }

    /**
     * Where a table goes.
     *
     * @param target the target table
     * @param rule the rule that sent it there, null for a table no rule matches
     */
    public record Routed(ObjectPath target, @javax.annotation.Nullable SyncDefinition.Route rule) {}
}
