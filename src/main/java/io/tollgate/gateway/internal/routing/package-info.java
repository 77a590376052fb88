/** Which deployment a request goes to: the plan of candidates and what this replica knows of their health. */
package io.tollgate.gateway.internal.routing;
