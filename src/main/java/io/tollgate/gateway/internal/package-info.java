/** The gateway's implementation: {@code auth} (API keys), {@code rest} ({@code /v1}), {@code apischema} (wire formats). */
package io.tollgate.gateway.internal;
