package io.tollgate.identity.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tollgate.platform.events.IntegrationEvent;
import java.util.UUID;

/** The events identity publishes besides {@link OrgCreated}; none carries a secret. */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    /** An organisation's name or status changed; {@code status} is {@code active} or {@code suspended}. */
    @RegisterForReflection
    public record OrgUpdated(UUID orgId, String name, String status) implements IntegrationEvent {
        public String eventType() {
            return "identity.org-updated.v1";
        }

        public String subject() {
            return orgId.toString();
        }
    }

    /** An organisation was deleted: its keys stop working and its members lose access. */
    @RegisterForReflection
    public record OrgDeleted(UUID orgId) implements IntegrationEvent {
        public String eventType() {
            return "identity.org-deleted.v1";
        }

        public String subject() {
            return orgId.toString();
        }
    }

    @RegisterForReflection
    public record ProjectCreated(UUID orgId, UUID projectId, String slug, String name) implements IntegrationEvent {
        public String eventType() {
            return "identity.project-created.v1";
        }

        public String subject() {
            return projectId.toString();
        }
    }

    /** A project's display name changed (its slug never does). */
    @RegisterForReflection
    public record ProjectRenamed(UUID orgId, UUID projectId, String name) implements IntegrationEvent {
        public String eventType() {
            return "identity.project-renamed.v1";
        }

        public String subject() {
            return projectId.toString();
        }
    }

    /** A user account was created (by an administrator or by the first-start bootstrap). */
    @RegisterForReflection
    public record UserCreated(UUID userId, String email, boolean superadmin) implements IntegrationEvent {
        public String eventType() {
            return "identity.user-created.v1";
        }

        public String subject() {
            return userId.toString();
        }

        public UUID orgId() {
            return null;
        }
    }

    /** A member joined an organisation, or their role changed ({@code previousRole} null when they joined). */
    @RegisterForReflection
    public record MemberRoleSet(UUID orgId, UUID userId, String role, String previousRole) implements IntegrationEvent {
        public String eventType() {
            return "identity.member-role-set.v1";
        }

        public String subject() {
            return userId.toString();
        }
    }

    @RegisterForReflection
    public record MemberRemoved(UUID orgId, UUID userId) implements IntegrationEvent {
        public String eventType() {
            return "identity.member-removed.v1";
        }

        public String subject() {
            return userId.toString();
        }
    }

    /** A login succeeded or failed ({@code outcome}: {@code succeeded}, {@code failed}, {@code throttled}). */
    @RegisterForReflection
    public record LoginAttempted(UUID userId, String outcome) implements IntegrationEvent {
        public String eventType() {
            return "identity.login-attempted.v1";
        }

        public String subject() {
            return userId == null ? "unknown" : userId.toString();
        }

        public UUID orgId() {
            return null;
        }
    }
}
