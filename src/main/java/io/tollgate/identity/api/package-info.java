/** What other contexts may use of identity: its events, as immutable records. */
package io.tollgate.identity.api;
