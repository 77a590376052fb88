package io.tollgate.audit.internal.domain;

/** A chain's last link as the head table records it; {@code seq} 0 and {@link AuditChain#GENESIS} when it has none. */
public record ChainHead(String chain, long seq, String hash) {
}
