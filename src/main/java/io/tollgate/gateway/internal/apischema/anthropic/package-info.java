/**
 * Anthropic Messages API wire formats (https://docs.anthropic.com/en/api/messages) that have a fixed shape. Request
 * bodies and content blocks are open-ended and handled as JSON trees by the adapter.
 */
package io.tollgate.gateway.internal.apischema.anthropic;
