package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The contract's own rules, on planted defects (the real check runs in MetricsExistTest). */
class MetricsContractTest {

    private static final String EXPOSITION = """
            # HELP http_server_requests_seconds x
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{uri="/health",le="0.005",} 0.0
            http_server_requests_seconds_count{uri="/health",} 1.0
            tollgate_outbox_published_total{context="identity",} 2.0
            """;

    /** A planned list of its own: the real one shrinks to nothing as the features land. */
    private static final Set<String> PLANNED = Set.of("tollgate_future_total", "tollgate_later_seconds");

    /** Expressions that use every planned and external metric once, plus the given one. */
    private static Map<String, String> usingAllListed(String extra) {
        Map<String, String> expressions = new TreeMap<>();
        PLANNED.forEach(p -> expressions.put("planned " + p, "rate(" + p + "_count[5m])"));
        MetricsContract.EXTERNAL.keySet().forEach(e -> expressions.put("external " + e, e));
        expressions.put("panel", extra);
        return expressions;
    }

    @Test
    void exposedNamesAreTheSampleNames() {
        assertThat(MetricsContract.exposedNames(EXPOSITION)).containsExactly(
                "http_server_requests_seconds_bucket", "http_server_requests_seconds_count", "tollgate_outbox_published_total");
    }

    @Test
    void exposedPlannedAndExternalMetricsPass() {
        var expressions = usingAllListed("sum by (le) (rate(http_server_requests_seconds_bucket[5m])) + tollgate_outbox_published_total");
        assertThat(MetricsContract.violations(expressions, MetricsContract.exposedNames(EXPOSITION), PLANNED)).isEmpty();
    }

    @Test
    void aMetricTheAppDoesNotExposeIsReported() {
        var expressions = usingAllListed("rate(tollgate_made_up_total[5m])");
        assertThat(MetricsContract.violations(expressions, MetricsContract.exposedNames(EXPOSITION), PLANNED))
                .containsExactly("panel: tollgate_made_up_total is not in /metrics (nor planned, nor external)");
    }

    @Test
    void aPlannedMetricThatLandedMustLeaveTheList() {
        Set<String> exposed = new HashSet<>(MetricsContract.exposedNames(EXPOSITION));
        exposed.add("tollgate_future_total");
        assertThat(MetricsContract.violations(usingAllListed("up"), exposed, PLANNED)).containsExactly(
                "tollgate_future_total is exposed now: remove it from MetricsContract.PLANNED and the ADR");
    }

    @Test
    void listedButUnusedEntriesAreReported() {
        Map<String, String> expressions = usingAllListed("up");
        expressions.remove("external kube_pod_status_ready");
        expressions.remove("planned tollgate_later_seconds");
        assertThat(MetricsContract.violations(expressions, Set.of(), PLANNED)).containsExactlyInAnyOrder(
                "tollgate_later_seconds is listed as planned but used by no dashboard or alert",
                "kube_pod_status_ready is listed as external but used by no dashboard or alert");
    }
}
