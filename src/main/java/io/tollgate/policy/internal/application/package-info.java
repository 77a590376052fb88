/** The engine's services: configuration, the kinds, planning, the reconciler, status and drift queries. */
package io.tollgate.policy.internal.application;
