/**
 * Shared kernel: identifiers, problem details, the SSRF guard for outbound URLs ({@code net}), envelope encryption ({@code crypto}) and the OpenAI error envelope, the CloudEvents envelope, the
 * transactional outbox relay and the idempotent-consumer inbox, request ids and cursor pagination, and the
 * build-time role switches. A leaf: it depends on no bounded context (checked by {@code ArchitectureTest}).
 */
package io.tollgate.platform;
