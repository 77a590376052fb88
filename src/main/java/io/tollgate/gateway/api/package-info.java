/** What other contexts may use of the gateway: nothing yet (it will publish usage events). */
package io.tollgate.gateway.api;
