package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void plainSelectorAndFunctions() {
        assertThat(PromQl.metricNames("rate(http_server_requests_seconds_count{status=~\"5..\"}[5m])"))
                .containsExactly("http_server_requests_seconds_count");
    }

    @Test
    void aggregationLabelListsAreNotMetrics() {
        assertThat(PromQl.metricNames("sum by (role, le) (rate(a_bucket[5m])) / on (role) group_left (pod) b_total"))
                .containsExactly("a_bucket", "b_total");
        assertThat(PromQl.metricNames("sum(rate(x_total[1m])) without (instance)")).containsExactly("x_total");
    }

    @Test
    void keywordsNumbersDurationsAndVariablesAreSkipped() {
        assertThat(PromQl.metricNames(
                "(1 - a_sum offset 1h) > (14.4 * 0.01) and bool b_count > 1e3 unless c[$__rate_interval] or ${var}"))
                .containsExactly("a_sum", "b_count", "c");
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(d_bucket[$__range])))"))
                .containsExactly("d_bucket");
    }

    @Test
    void stringsAndLabelValuesAreSkipped() {
        assertThat(PromQl.metricNames("max(q{queue=~\"tollgate\\\\..+\\\\.dlq\", x='not_a_metric'}) > 0"))
                .containsExactly("q");
    }

    @Test
    void metricWithoutSelectorBesideFunction() {
        assertThat(PromQl.metricNames("changes(kube_pod_status_ready[15m]) > 4 and up == 0"))
                .containsExactly("kube_pod_status_ready", "up");
    }

    @Test
    void unbalancedExpressionIsRejected() {
        assertThatThrownBy(() -> PromQl.metricNames("sum(rate(x{a=\"b\"[5m]))"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
