/** Metering rules as plain Java: rollup deltas and their shards, and the validated usage query. */
package io.tollgate.metering.internal.domain;
