package io.tollgate.ops;

import java.util.List;

/** A rule over a set of rendered Kubernetes objects; answers one message per violation, none when it holds. */
interface ManifestCheck {

    List<String> violations(List<KubeObject> objects);
}
