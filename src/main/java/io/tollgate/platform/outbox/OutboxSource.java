package io.tollgate.platform.outbox;

import io.vertx.mutiny.sqlclient.Pool;

/**
 * A context's outbox for {@link OutboxRelay} to publish: {@code context} names the events' CloudEvents source and
 * the metrics' {@code context} tag, {@code pool} reaches the context's database. A context produces one as a bean
 * in the roles that write it, so each role build relays only its own contexts.
 */
public record OutboxSource(String context, Pool pool) {
}
