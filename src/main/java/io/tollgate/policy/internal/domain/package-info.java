/** Plans, diffs, drift and document errors: plain records and rules, no framework. */
package io.tollgate.policy.internal.domain;
