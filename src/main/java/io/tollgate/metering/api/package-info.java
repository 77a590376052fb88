/** What other contexts may use of metering: the events it publishes. */
package io.tollgate.metering.api;
