package io.tollgate.identity.internal.domain;

import io.tollgate.platform.error.TollgateException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A validated request for a user account with a password. */
public record NewUser(String email, String displayName, String password) {

    @Override
    public String toString() {
        return "NewUser[email=" + email + ", displayName=" + displayName + "]"; // never the password
    }

    public static NewUser of(String email, String displayName, String password) {
        Map<String, String> errors = new LinkedHashMap<>();
        String address = EmailAddress.check("email", email, errors);
        String name = displayName == null && address != null ? address : DisplayName.check("displayName", displayName, errors);
        PasswordPolicy.check("password", password, address, errors);
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new NewUser(address, name, password);
    }
}
