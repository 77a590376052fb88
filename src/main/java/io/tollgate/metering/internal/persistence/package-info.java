/** Plain SQL on the reactive client against {@code tollgate_metering}: ledger, price projection, rollups, spend. */
package io.tollgate.metering.internal.persistence;
