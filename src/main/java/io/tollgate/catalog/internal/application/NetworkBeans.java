package io.tollgate.catalog.internal.application;

import io.quarkus.arc.DefaultBean;
import io.tollgate.platform.net.HostResolver;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The system DNS resolver, replaceable by a test bean that maps names without DNS. */
public class NetworkBeans {

    @Produces
    @Singleton
    @DefaultBean
    HostResolver systemResolver() {
        return HostResolver.SYSTEM;
    }
}
