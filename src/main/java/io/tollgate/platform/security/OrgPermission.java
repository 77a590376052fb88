package io.tollgate.platform.security;

import java.security.Permission;
import java.util.Objects;
import java.util.UUID;

/**
 * A permission within one organisation, built by Quarkus from the secured method's {@code orgId} argument:
 * {@code @PermissionsAllowed(value = Permissions.KEYS_WRITE, permission = OrgPermission.class, params = "orgId")}.
 */
public final class OrgPermission extends Permission {

    private final String permission;
    private final UUID orgId;

    /** Quarkus splits {@code keys:write} into the name {@code keys} and the actions {@code [write]}. */
    public OrgPermission(String name, String[] actions, UUID orgId) {
        super(name);
        this.permission = actions == null || actions.length == 0 ? name : name + ":" + actions[0];
        this.orgId = orgId;
    }

    public String permission() {
        return permission;
    }

    public UUID orgId() {
        return orgId;
    }

    @Override
    public boolean implies(Permission other) {
        return equals(other);
    }

    @Override
    public String getActions() {
        int colon = permission.indexOf(':');
        return colon < 0 ? "" : permission.substring(colon + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrgPermission that && permission.equals(that.permission) && Objects.equals(orgId, that.orgId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(permission, orgId);
    }
}
