/** Where policy documents come from: a branch of a Git repository (JGit), or a local directory for development. */
package io.tollgate.policy.internal.source;
