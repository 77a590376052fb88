/** Metering's implementation: {@code domain} (rules, no framework), {@code application}, {@code persistence}, {@code rest}, {@code messaging}. */
package io.tollgate.metering.internal;
