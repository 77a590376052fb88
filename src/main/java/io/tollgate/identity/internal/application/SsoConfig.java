package io.tollgate.identity.internal.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How tokens of the external IdP (the {@code sso} quarkus-oidc tenant, ADR 0018) map to Tollgate users and
 * memberships (prefix {@code tollgate.sso}). Whether the tenant is on, its issuer, client and audience are the
 * {@code quarkus.oidc.sso.*} properties.
 */
@ConfigMapping(prefix = "tollgate.sso")
public interface SsoConfig {

    /** The claim with the e-mail address that links a token to a Tollgate user (created on first sign-in). */
    @WithDefault("email")
    String emailClaim();

    /**
     * Whether the boolean claim {@code email_verified} must be true. Leave it on unless the IdP only issues
     * addresses it owns (e.g. a corporate directory) and omits the claim.
     */
    @WithDefault("true")
    boolean requireVerifiedEmail();

    /** The claim with the display name of a user created on first sign-in. */
    @WithDefault("name")
    String nameClaim();

    /** The claim (a list of strings) whose values grant organisation roles. */
    @WithDefault("groups")
    String groupsClaim();

    /**
     * The prefix of the values that concern Tollgate: {@code <prefix><org-slug>:<role>}, e.g. {@code tollgate:acme:admin}.
     * Other values are ignored.
     */
    @WithDefault("tollgate:")
    String groupPrefix();
}
