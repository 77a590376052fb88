package io.tollgate.ops;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;

/** helm/tollgate, rendered and linted with helm-java (helm as a native library; ADR 0013). */
final class HelmChart {

    static final Path CHART = Path.of("helm/tollgate");
    static final String RELEASE = "tollgate";
    static final String NAMESPACE = "tollgate";

    private HelmChart() {
    }

    /** {@code helm template} with the chart's values.yaml and then each values file, in order. */
    static List<KubeObject> render(Path... valuesFiles) {
        var template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path file : valuesFiles) {
            template = template.withValuesFile(file);
        }
        return KubeObject.parseAll(template.call());
    }

    /** {@code helm lint --strict} with the chart's values.yaml. */
    static LintResult lint() {
        return new Helm(CHART).lint().strict().call();
    }
}
