package io.tollgate.metering.internal.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The usage API's answer: totals and groups, each with its figures summed over currencies. {@code cost} and
 * {@code currency} are set when the figures are costed in exactly one currency; {@code costs} always lists the
 * cost per currency. Unpriced requests are counted, never costed as 0.
 */
public record UsageReport(Figures totals, List<Group> groups) {

    public record Figures(long requests, long promptTokens, long completionTokens, long cachedTokens, String cost,
            String currency, long unpricedRequests, Map<String, String> costs) {
    }

    public record Group(String group, Figures figures) {
    }

    /** The report of {@code lines}; when {@code grouped}, a null group is a group too (e.g. keys without a project). */
    public static UsageReport of(List<UsageLine> lines, boolean grouped) {
        Sum total = new Sum();
        Map<String, Sum> groups = new LinkedHashMap<>(); // null is a key too
        for (UsageLine line : lines) {
            total.add(line);
            if (grouped) {
                groups.computeIfAbsent(line.group(), g -> new Sum()).add(line);
            }
        }
        List<Group> out = new ArrayList<>(groups.size());
        groups.forEach((group, sum) -> out.add(new Group(group, sum.figures())));
        return new UsageReport(total.figures(), out);
    }

    private static final class Sum {
        private long requests;
        private long promptTokens;
        private long completionTokens;
        private long cachedTokens;
        private long unpricedRequests;
        private final Map<String, BigDecimal> costs = new TreeMap<>();

        void add(UsageLine line) {
            requests += line.requests();
            promptTokens += line.promptTokens();
            completionTokens += line.completionTokens();
            cachedTokens += line.cachedTokens();
            unpricedRequests += line.unpricedRequests();
            if (line.currency() != null) {
                costs.merge(line.currency(), line.cost(), BigDecimal::add);
            }
        }

        Figures figures() {
            Map<String, String> texts = new TreeMap<>();
            costs.forEach((currency, cost) -> texts.put(currency, text(cost)));
            boolean single = texts.size() == 1;
            return new Figures(requests, promptTokens, completionTokens, cachedTokens,
                    single ? texts.values().iterator().next() : null, single ? texts.keySet().iterator().next() : null,
                    unpricedRequests, texts);
        }
    }

    /** An exact amount as a plain decimal string without trailing zeros. */
    public static String text(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }
}
