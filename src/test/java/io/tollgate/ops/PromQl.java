package io.tollgate.ops;

import java.util.Set;
import java.util.TreeSet;

/**
 * Extracts the metric names a PromQL expression selects, with a small tokenizer: strings, label matchers
 * ({@code {...}}), ranges ({@code [...]}), numbers, durations and Grafana variables are skipped; an identifier
 * followed by {@code (} is a function; keywords, aggregation operators and the label lists of {@code by},
 * {@code without}, {@code on}, {@code ignoring}, {@code group_left} and {@code group_right} are not metrics.
 * Every other identifier is a metric name as Prometheus exposes it (with its _bucket, _count, _sum or _total).
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf",
            "nan", "start", "end", "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private PromQl() {
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                i = skipBalanced(expr, i, '{', '}');
            } else if (c == '[') {
                i = skipBalanced(expr, i, '[', ']');
            } else if (c == '#') {
                i = skipLine(expr, i);
            } else if (c == '$') {
                i = skipVariable(expr, i + 1);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                i = skipNumberOrDuration(expr, i);
            } else if (isIdentifierStart(c)) {
                int end = i;
                while (end < n && isIdentifierPart(expr.charAt(end))) {
                    end++;
                }
                String word = expr.substring(i, end);
                int next = skipSpaces(expr, end);
                boolean call = next < n && expr.charAt(next) == '(';
                if (LABEL_LISTS.contains(word) && call) {
                    i = skipBalanced(expr, next, '(', ')');
                } else {
                    if (!call && !KEYWORDS.contains(word) && !LABEL_LISTS.contains(word)) {
                        names.add(word);
                    }
                    i = end;
                }
            } else {
                i++;
            }
        }
        return names;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c);
    }

    private static int skipString(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipBalanced(String s, int start, char open, char close) {
        int depth = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(s, i) - 1;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unbalanced '" + open + "' in: " + s);
    }

    private static int skipLine(String s, int start) {
        int end = s.indexOf('\n', start);
        return end < 0 ? s.length() : end + 1;
    }

    private static int skipVariable(String s, int start) {
        int i = start;
        if (i < s.length() && s.charAt(i) == '{') {
            return skipBalanced(s, i, '{', '}');
        }
        while (i < s.length() && isIdentifierPart(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipNumberOrDuration(String s, int start) {
        int i = start;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int start) {
        int i = start;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
