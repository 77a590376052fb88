package io.tollgate.platform.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

/** The {@link Actor} of the current HTTP request, for services that record who changed what. */
@RequestScoped
public class CurrentActor {

    private static final String ANONYMOUS = "anonymous";

    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public CurrentActor(SecurityIdentity identity, HttpServerRequest request) {
        this.identity = identity;
        this.request = request;
    }

    /** The authenticated caller; only on endpoints that require authentication (the identity is resolved there). */
    public Actor get() {
        return as(identity.isAnonymous() ? ANONYMOUS : identity.getPrincipal().getName());
    }

    /** The caller of a public endpoint, where the identity is not resolved (lazy authentication). */
    public Actor anonymous() {
        return as(ANONYMOUS);
    }

    private Actor as(String principal) {
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new Actor(principal, request.getHeader(RequestIds.HEADER), address);
    }
}
