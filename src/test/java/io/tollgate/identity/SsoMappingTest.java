package io.tollgate.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.identity.internal.domain.MembershipSync;
import io.tollgate.identity.internal.domain.MembershipSync.Assignment;
import io.tollgate.identity.internal.domain.MembershipSync.Current;
import io.tollgate.identity.internal.domain.SsoGrant;
import io.tollgate.identity.internal.domain.SsoProfile;
import io.tollgate.platform.security.OrgRole;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure parts of SSO (ADR 0018): claims to a profile, groups to roles, roles to membership changes. */
class SsoMappingTest {

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();

    @Test
    void groupsWithThePrefixGrantRolesByOrgSlug() {
        SsoGrant grant = SsoGrant.parse(List.of("tollgate:acme:admin", "tollgate:beta:viewer", "other-app:acme:owner",
                "everyone"), "tollgate:");
        assertThat(grant.roles()).isEqualTo(Map.of("acme", OrgRole.ADMIN, "beta", OrgRole.VIEWER));
        assertThat(grant.rejected()).isEmpty();
    }

    @Test
    void malformedValuesAndUnknownRolesAreRejectedNotFatal() {
        SsoGrant grant = SsoGrant.parse(Arrays.asList("tollgate:acme:emperor", "tollgate:acme", "tollgate::admin",
                "tollgate:", null, "tollgate:acme:ADMIN", "tollgate:ok:developer"), "tollgate:");
        assertThat(grant.roles()).isEqualTo(Map.of("ok", OrgRole.DEVELOPER));
        assertThat(grant.rejected()).containsExactly("tollgate:acme:emperor", "tollgate:acme", "tollgate::admin",
                "tollgate:", "tollgate:acme:ADMIN");
    }

    @Test
    void theHigherRoleWinsWhenAnOrgIsNamedTwice() {
        assertThat(SsoGrant.parse(List.of("tg/acme:viewer", "tg/acme:owner", "tg/acme:billing"), "tg/").roles())
                .isEqualTo(Map.of("acme", OrgRole.OWNER));
    }

    @Test
    void aProfileNeedsAVerifiedAddressAndFallsBackToItForTheName() {
        assertThat(SsoProfile.of(" ann@example.com ", true, "Ann Example", true))
                .isEqualTo(new SsoProfile("ann@example.com", "Ann Example"));
        assertThat(SsoProfile.of("ann@example.com", true, "bad\u0007name", true).displayName()).isEqualTo("ann@example.com");
        assertThat(SsoProfile.of("ann@example.com", false, null, false).displayName()).isEqualTo("ann@example.com");
        assertThatThrownBy(() -> SsoProfile.of("ann@example.com", false, "Ann", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not verified");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "  ", "not-an-address", "a@b" })
    void aProfileWithoutAUsableAddressIsRefused(String email) {
        assertThatThrownBy(() -> SsoProfile.of(email, true, "Ann", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e-mail");
    }

    @Test
    void syncAssignsGrantedRolesAndRemovesOnlySsoMembershipsNoLongerGranted() {
        UUID localOnly = UUID.randomUUID();
        Map<UUID, Current> current = Map.of(
                A, new Current(OrgRole.VIEWER, true),       // role changes
                B, new Current(OrgRole.ADMIN, false),       // made through the API: taken over by SSO
                C, new Current(OrgRole.OWNER, true),        // no longer granted: removed
                localOnly, new Current(OrgRole.OWNER, false)); // not SSO's business
        UUID fresh = UUID.randomUUID();
        MembershipSync plan = MembershipSync.plan(current, Map.of(A, OrgRole.ADMIN, B, OrgRole.ADMIN, fresh, OrgRole.VIEWER));
        assertThat(plan.assignments()).containsExactlyInAnyOrder(new Assignment(A, OrgRole.ADMIN, OrgRole.VIEWER),
                new Assignment(B, OrgRole.ADMIN, OrgRole.ADMIN), new Assignment(fresh, OrgRole.VIEWER, null));
        assertThat(plan.removals()).containsExactly(C);
        assertThat(plan.isEmpty()).isFalse();
    }

    @Test
    void syncIsEmptyWhenNothingDiffers() {
        Map<UUID, Current> current = Map.of(A, new Current(OrgRole.ADMIN, true), B, new Current(OrgRole.OWNER, false));
        assertThat(MembershipSync.plan(current, Map.of(A, OrgRole.ADMIN)).isEmpty()).isTrue();
        assertThat(MembershipSync.plan(Map.of(), Map.of()).isEmpty()).isTrue();
    }
}
