package io.tollgate.schema;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables and columns a {@code docs/schema/<context>.md} file describes: a {@code ## `table`} heading per
 * table, then a Markdown table whose rows start with {@code | `column` |}.
 */
final class SchemaDoc {

    private static final Pattern TABLE = Pattern.compile("^##\\s+`([a-z0-9_]+)`.*");
    private static final Pattern COLUMN = Pattern.compile("^\\|\\s*`([a-z0-9_]+)`\\s*\\|.*");

    private SchemaDoc() {
    }

    /** {@code table.column} for every documented column. */
    static Set<String> documentedColumns(List<String> markdown) {
        Set<String> columns = new TreeSet<>();
        String table = null;
        for (String line : markdown) {
            Matcher heading = TABLE.matcher(line);
            if (heading.matches()) {
                table = heading.group(1);
            } else if (line.startsWith("#")) {
                table = null;
            } else if (table != null) {
                Matcher row = COLUMN.matcher(line);
                if (row.matches()) {
                    columns.add(table + "." + row.group(1));
                }
            }
        }
        return columns;
    }

    /** The columns the database has and the document does not describe, and the reverse. */
    static List<String> differences(Set<String> inDatabase, Set<String> documented) {
        List<String> differences = new java.util.ArrayList<>();
        inDatabase.stream().filter(c -> !documented.contains(c)).forEach(c -> differences.add(c + " is not documented"));
        documented.stream().filter(c -> !inDatabase.contains(c)).forEach(c -> differences.add(c + " is documented but does not exist"));
        return differences;
    }
}
