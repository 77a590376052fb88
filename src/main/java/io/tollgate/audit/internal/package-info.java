/** Audit's implementation: {@code domain}, {@code persistence} and the {@code messaging} consumer. */
package io.tollgate.audit.internal;
