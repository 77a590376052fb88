package io.tollgate.identity.internal.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * Who a verified token of the external IdP names: the e-mail address that links it to a Tollgate user, and a display
 * name for a user created on first sign-in (the address when the IdP sends no usable name).
 */
public record SsoProfile(String email, String displayName) {

    /**
     * The profile of a token's claims, or {@link IllegalArgumentException} when it may not sign in: no e-mail
     * address, or one the IdP has not verified while verification is required (an unverified address would let
     * anyone who can register at the IdP take over the Tollgate account with that address).
     */
    public static SsoProfile of(String email, boolean emailVerified, String name, boolean requireVerified) {
        Map<String, String> errors = new HashMap<>();
        String address = EmailAddress.check("email", email, errors);
        if (address == null) {
            throw new IllegalArgumentException("The token carries no usable e-mail address");
        }
        if (requireVerified && !emailVerified) {
            throw new IllegalArgumentException("The IdP has not verified the token's e-mail address");
        }
        String displayName = DisplayName.check("name", name, errors);
        return new SsoProfile(address, displayName == null ? address : displayName);
    }
}
