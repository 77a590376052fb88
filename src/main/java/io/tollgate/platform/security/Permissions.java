package io.tollgate.platform.security;

import java.util.Set;

/**
 * Every permission of the management API, as {@code <resource>:<action>}. Platform permissions are held only
 * by the {@code superadmin}; organisation permissions come from a member's {@link OrgRole} in that organisation.
 * {@code docs/rbac.md} is checked against this class and {@link OrgRole} by {@code RbacMatrixDocTest}.
 */
public final class Permissions {

    // Platform-wide: superadmin only.
    public static final String ORGS_CREATE = "orgs:create";
    public static final String USERS_READ = "users:read";
    public static final String USERS_WRITE = "users:write";
    public static final String PROVIDERS_WRITE = "providers:write";
    public static final String AUDIT_VERIFY = "audit:verify";
    public static final String GITOPS_READ = "gitops:read";
    public static final String GITOPS_WRITE = "gitops:write";

    // Within one organisation.
    public static final String ORGS_READ = "orgs:read";
    public static final String ORGS_WRITE = "orgs:write";
    public static final String ORGS_DELETE = "orgs:delete";
    public static final String PROJECTS_READ = "projects:read";
    public static final String PROJECTS_WRITE = "projects:write";
    public static final String MEMBERS_READ = "members:read";
    public static final String MEMBERS_WRITE = "members:write";
    public static final String KEYS_READ = "keys:read";
    public static final String KEYS_WRITE = "keys:write";
    public static final String CATALOG_READ = "catalog:read";
    public static final String CATALOG_WRITE = "catalog:write";
    public static final String QUOTA_READ = "quota:read";
    public static final String QUOTA_WRITE = "quota:write";
    public static final String BUDGETS_READ = "budgets:read";
    public static final String BUDGETS_WRITE = "budgets:write";
    public static final String USAGE_READ = "usage:read";
    public static final String AUDIT_READ = "audit:read";

    public static final Set<String> PLATFORM = Set.of(ORGS_CREATE, USERS_READ, USERS_WRITE, PROVIDERS_WRITE, AUDIT_VERIFY,
            GITOPS_READ, GITOPS_WRITE);

    public static final Set<String> ORG = Set.of(ORGS_READ, ORGS_WRITE, ORGS_DELETE, PROJECTS_READ, PROJECTS_WRITE,
            MEMBERS_READ, MEMBERS_WRITE, KEYS_READ, KEYS_WRITE, CATALOG_READ, CATALOG_WRITE, QUOTA_READ, QUOTA_WRITE,
            BUDGETS_READ, BUDGETS_WRITE, USAGE_READ, AUDIT_READ);

    private Permissions() {
    }
}
