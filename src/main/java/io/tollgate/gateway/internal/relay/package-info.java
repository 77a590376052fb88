/** The {@code /v1} inference endpoints: parse once, route, call, relay the answer as it arrives, meter. */
package io.tollgate.gateway.internal.relay;
