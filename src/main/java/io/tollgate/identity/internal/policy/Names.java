package io.tollgate.identity.internal.policy;

/** Display names as identity stores them: without surrounding white space. */
final class Names {

    private Names() {
    }

    /** The name stripped; null stays null, for the service to refuse. */
    static String stripped(String name) {
        return name == null ? null : name.strip();
    }
}
