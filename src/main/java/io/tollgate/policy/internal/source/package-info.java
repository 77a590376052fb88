/**
 * Where policy documents come from: a branch of a Git repository (JGit; anonymous, HTTPS token or SSH key with known
 * host keys), or a local directory for development.
 */
package io.tollgate.policy.internal.source;
