/**
 * First-start seeding for newcomers: a demo organisation, project and inference key, created through the
 * contexts' public interfaces ({@code identity.api}, {@code keys.api}), never their internals. Off unless
 * {@code tollgate.seed.demo=true} (scripts/start sets it).
 */
package io.tollgate.seed;
