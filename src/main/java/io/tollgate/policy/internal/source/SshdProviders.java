package io.tollgate.policy.internal.source;

/**
 * Keeps sshd's EdDSA security provider to sshd instead of adding it to the JVM-wide {@code java.security} list, where
 * it would outlive its class loader (Quarkus dev-mode reloads, tests of several class loaders in one JVM) and hand
 * later users keys of classes they cannot cast. Takes effect only if called before sshd first loads its providers,
 * hence the call in the static initialiser of every class here that uses sshd; a value the operator set is kept.
 */
final class SshdProviders {

    private static final String EDDSA_NAMED = "org.apache.sshd.security.provider.EdDSA.useNamed";

    private SshdProviders() {
    }

    static void keepLocal() {
        if (System.getProperty(EDDSA_NAMED) == null) {
            System.setProperty(EDDSA_NAMED, "false");
        }
    }
}
