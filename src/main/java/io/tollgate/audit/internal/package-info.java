/**
 * Audit's implementation: {@code domain} (the chain's link rule and its verification), {@code persistence},
 * {@code application} (search and verification), the {@code messaging} consumer and the {@code rest} resources.
 */
package io.tollgate.audit.internal;
