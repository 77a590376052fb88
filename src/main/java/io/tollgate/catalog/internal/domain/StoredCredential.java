package io.tollgate.catalog.internal.domain;

import io.tollgate.catalog.api.EncryptedCredential;
import java.util.List;

/** A provider credential at rest: encrypted, plus what may be shown of it (last 4 characters, header names). */
public record StoredCredential(EncryptedCredential encrypted, String last4, List<String> headerNames) {
}
