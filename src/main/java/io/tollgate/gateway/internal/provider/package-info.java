/** Provider adapters: OpenAI's API, which clients speak, to and from each provider's (DESIGN.md §5). */
package io.tollgate.gateway.internal.provider;
