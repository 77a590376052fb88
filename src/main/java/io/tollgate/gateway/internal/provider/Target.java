package io.tollgate.gateway.internal.provider;

import io.tollgate.catalog.api.Credential;
import io.tollgate.catalog.api.DeploymentRoute;

/** The deployment a call goes to, with its provider's decrypted credential (null when the provider needs none). */
public record Target(DeploymentRoute deployment, Credential credential) {

    /** The base URL without a trailing slash; empty for the simulator, which has none. */
    public String baseUrl() {
        String url = deployment.baseUrl();
        if (url == null) {
            return "";
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
