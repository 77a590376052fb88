/** Quota's implementation: {@code domain}, {@code application}, {@code persistence}, {@code rest}, {@code messaging}, {@code enforcement}. */
package io.tollgate.quota.internal;
