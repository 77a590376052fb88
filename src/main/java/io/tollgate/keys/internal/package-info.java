/** Keys' implementation: {@code domain}, {@code application}, {@code persistence}, {@code rest}, {@code messaging}, {@code security}. */
package io.tollgate.keys.internal;
