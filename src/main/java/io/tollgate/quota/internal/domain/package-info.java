/** Quota rules as plain Java: limit and budget definitions with their validation, the plan of counters one request touches, GCRA arithmetic and OpenAI's header formats. */
package io.tollgate.quota.internal.domain;
