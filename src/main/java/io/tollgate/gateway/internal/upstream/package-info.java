/** Provider calls: pooled HTTP clients behind the SSRF guard, and the in-process simulator. */
package io.tollgate.gateway.internal.upstream;
