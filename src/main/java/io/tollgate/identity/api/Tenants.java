package io.tollgate.identity.api;

import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Live organisations and their projects, by id and by slug. A slug of nothing is the caller's mistake: 422. */
public final class Tenants {

    public record Org(UUID id, String slug) {
    }

    public record Project(UUID orgId, UUID id, String slug) {
    }

    private final Map<UUID, Org> orgsById;
    private final Map<String, Org> orgsBySlug;
    private final Map<UUID, Project> projectsById;

    public Tenants(List<Org> orgs, List<Project> projects) {
        this.orgsById = orgs.stream().collect(Collectors.toUnmodifiableMap(Org::id, Function.identity()));
        this.orgsBySlug = orgs.stream().collect(Collectors.toUnmodifiableMap(Org::slug, Function.identity()));
        this.projectsById = projects.stream().filter(p -> orgsById.containsKey(p.orgId()))
                .collect(Collectors.toUnmodifiableMap(Project::id, Function.identity()));
    }

    /** The slug of a live organisation; empty for a deleted or unknown one. */
    public Optional<String> orgSlug(UUID orgId) {
        return Optional.ofNullable(orgsById.get(orgId)).map(Org::slug);
    }

    public UUID orgId(String slug) {
        Org org = orgsBySlug.get(slug);
        if (org == null) {
            throw missing("organisation '" + slug + "'");
        }
        return org.id();
    }

    /** The slug of the organisation's project; empty for an unknown one or one of another organisation. */
    public Optional<String> projectSlug(UUID orgId, UUID projectId) {
        return Optional.ofNullable(projectsById.get(projectId)).filter(p -> p.orgId().equals(orgId)).map(Project::slug);
    }

    public UUID projectId(UUID orgId, String slug) {
        return projectsById.values().stream().filter(p -> p.orgId().equals(orgId) && p.slug().equals(slug))
                .map(Project::id).findFirst()
                .orElseThrow(() -> missing("project '" + slug + "' in organisation '" + orgsById.get(orgId).slug() + "'"));
    }

    private static TollgateException missing(String what) {
        return new TollgateException(ErrorKind.UNPROCESSABLE, "There is no " + what);
    }
}
