package io.tollgate.gateway.internal.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.catalog.api.Credential;
import io.tollgate.catalog.api.CredentialDecryptor;
import io.tollgate.catalog.api.DeploymentRoute;
import io.tollgate.catalog.api.EncryptedCredential;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Provider credentials for calls, opened from the routing snapshot's ciphertexts. Opening costs an unwrap and
 * a decryption per call, so opened credentials are kept in process for a few minutes, keyed by their
 * ciphertext: a rotated or replaced credential is a new key, and the old entry simply ages out.
 */
@ApplicationScoped
public class Credentials {

    private final CredentialDecryptor decryptor;
    private final Cache<Sealed, Credential> opened = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5)).maximumSize(10_000).build();

    public Credentials(CredentialDecryptor decryptor) {
        this.decryptor = decryptor;
    }

    /** The deployment's provider credential, or null when the provider has none (a local server, the simulator). */
    public Credential of(DeploymentRoute deployment) {
        EncryptedCredential credential = deployment.credential();
        if (credential == null) {
            return null;
        }
        return opened.get(new Sealed(deployment.providerId(), credential),
                sealed -> decryptor.decrypt(sealed.providerId(), sealed.credential()));
    }

    private record Sealed(UUID providerId, EncryptedCredential credential) {
    }
}
