/** Plain SQL on the reactive client against {@code tollgate_quota}. */
package io.tollgate.quota.internal.persistence;
