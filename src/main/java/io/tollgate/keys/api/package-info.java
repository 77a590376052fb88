/** What other contexts may use of keys: its events and the key index format the gateway reads from Redis. */
package io.tollgate.keys.api;
