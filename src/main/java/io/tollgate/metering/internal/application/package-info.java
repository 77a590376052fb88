/** Metering services: recording usage with its rollups and spend, re-pricing, usage reports and ledger retention. */
package io.tollgate.metering.internal.application;
