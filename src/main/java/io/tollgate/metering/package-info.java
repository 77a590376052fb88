/**
 * Metering: the exactly-once usage ledger, its costs and rollups, and the usage API. Owns the
 * {@code tollgate_metering} database; fed by the gateway's usage events.
 */
package io.tollgate.metering;
