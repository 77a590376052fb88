/**
 * Audit: the append-only trail of every management action, written by the worker from the events of the
 * other contexts. Owns the {@code tollgate_audit} database.
 */
package io.tollgate.audit;
