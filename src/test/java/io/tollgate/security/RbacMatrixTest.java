package io.tollgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.platform.security.OrgRole;
import io.tollgate.security.SecuredEndpoints.Endpoint;
import io.tollgate.testing.Accounts;
import io.tollgate.testing.Accounts.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole role × endpoint matrix, generated from the resources: for every organisation role and every
 * permission-guarded endpoint, a real member calls it, and the answer is 403 exactly when the role lacks the
 * permission. Platform endpoints refuse every organisation role; the superadmin passes everywhere.
 */
@QuarkusTest
class RbacMatrixTest {

    @Test
    void everyRoleGetsExactlyItsPermissions() {
        Session root = Accounts.superadmin();
        UUID org = Accounts.org(root);
        Map<OrgRole, Session> members = new EnumMap<>(OrgRole.class);
        for (OrgRole role : OrgRole.values()) {
            members.put(role, Accounts.member(root, org, role.apiName()));
        }
        // Deleting the organisation goes last, by its owner, so that every other call still finds it.
        List<Endpoint> endpoints = new ArrayList<>(SecuredEndpoints.all());
        endpoints.sort(Comparator.comparing((Endpoint e) -> e.method().equals("DELETE") && e.path().equals("/admin/v1/orgs/{orgId}")));
        List<OrgRole> roles = new ArrayList<>(List.of(OrgRole.values()));
        roles.sort(Comparator.comparing(role -> role == OrgRole.OWNER));

        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (OrgRole role : roles) {
                boolean allowed = endpoint.orgScoped() && role.allows(endpoint.permission());
                int status = call(members.get(role), endpoint, org);
                if ((status == 403) == allowed || status == 401) {
                    wrong.add(role.apiName() + " → " + endpoint.label() + " answered " + status
                            + (allowed ? " but the role holds " : " but the role lacks ") + endpoint.permission());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(endpoints).as("the matrix covers the management API").hasSizeGreaterThan(10);
    }

    @Test
    void superadminPassesEveryCheck() {
        Session root = Accounts.superadmin();
        UUID org = Accounts.org(root);
        for (Endpoint endpoint : SecuredEndpoints.all()) {
            if (!endpoint.method().equals("DELETE")) {
                assertThat(call(root, endpoint, org)).as(endpoint.label()).isNotIn(401, 403);
            }
        }
    }

    private static int call(Session caller, Endpoint endpoint, UUID org) {
        String path = endpoint.path().replace("{orgId}", org.toString()).replaceAll("\\{[a-zA-Z]+}", UUID.randomUUID().toString());
        var request = caller.request();
        if (!endpoint.method().equals("GET") && !endpoint.method().equals("DELETE")) {
            request = request.contentType("application/json").body("{}");
        }
        return request.request(endpoint.method(), path).statusCode();
    }
}
