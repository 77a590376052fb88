package io.tollgate.policy.internal.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The process's environment, where secrets named by reference in the configuration are read (a bean, for tests). */
@ApplicationScoped
public class EnvironmentVariables {

    /** The variable's value; empty when it is unset or blank. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
