/** Plain SQL on the reactive client against {@code tollgate_catalog}, and the snapshot keys in Redis. */
package io.tollgate.catalog.internal.persistence;
