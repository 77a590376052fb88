package io.tollgate.catalog.internal.domain;

import io.tollgate.catalog.api.Audience;
import io.tollgate.catalog.api.Capabilities;
import io.tollgate.catalog.api.RetryPolicy;
import io.tollgate.catalog.api.RoutingStrategy;
import io.tollgate.platform.error.TollgateException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** A validated model, for creating one or as the result of a patch. */
public record ModelDraft(UUID orgId, String name, List<Audience> audience, RoutingStrategy strategy,
        RetryPolicy retry, List<String> fallbacks, Capabilities capabilities, List<DeploymentDraft> deployments) {

    /** Model names as clients send them: {@code gpt-4o}, {@code llama3.1:8b}, {@code meta-llama/Llama-3-8B}. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    private static final String NAME_RULE = "must be 1-128 letters, digits or . _ : / @ -, starting with a letter or digit";
    static final int MAX_DEPLOYMENTS = 32;
    static final int MAX_FALLBACKS = 5;

    /** A requested deployment with untyped numbers, so that a missing one is reported rather than read as 0. */
    public record DeploymentFields(String provider, String upstreamModel, Integer weight, Integer priority,
            Integer maxConcurrent, Integer rpm, Integer tpm) {
    }

    /** Validates every field and reports all problems at once. */
    public static ModelDraft of(UUID orgId, String name, List<Audience> audience, String strategy, RetryPolicy retry,
            List<String> fallbacks, Capabilities capabilities, List<DeploymentFields> deployments) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = Checks.text(errors, "name", name, 128, NAME, NAME_RULE);
        List<Audience> checkedAudience = audience == null ? List.of() : List.copyOf(audience);
        checkAudience(errors, orgId, checkedAudience);
        RoutingStrategy routing = RoutingStrategy.WEIGHTED;
        if (strategy != null) {
            routing = RoutingStrategy.fromApiName(strategy).orElse(null);
            if (routing == null) {
                errors.put("strategy", "must be one of weighted, least-busy, lowest-latency");
            }
        }
        RetryPolicy checkedRetry = retry == null ? RetryPolicy.DEFAULT : retry;
        Checks.range(errors, "retry.attempts", checkedRetry.attempts(), 1, 5);
        Checks.range(errors, "retry.backoffMs", checkedRetry.backoffMs(), 0, 10_000);
        List<String> checkedFallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        checkFallbacks(errors, cleanName, checkedFallbacks);
        Capabilities checkedCapabilities = capabilities == null ? Capabilities.CHAT : capabilities;
        Checks.range(errors, "capabilities.maxContextTokens", checkedCapabilities.maxContextTokens(), 1, 100_000_000);
        if (!(checkedCapabilities.chat() || checkedCapabilities.embeddings() || checkedCapabilities.completions())) {
            errors.put("capabilities", "must enable at least one of chat, embeddings, completions");
        }
        List<DeploymentDraft> checkedDeployments = checkDeployments(errors, deployments);
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new ModelDraft(orgId, cleanName, checkedAudience, routing, checkedRetry, checkedFallbacks,
                checkedCapabilities, checkedDeployments);
    }

    private static void checkAudience(Map<String, String> errors, UUID orgId, List<Audience> audience) {
        if (audience.size() > 100) {
            errors.put("audience", "must have at most 100 entries");
        }
        for (int i = 0; i < audience.size(); i++) {
            Audience entry = audience.get(i);
            if (entry == null || entry.orgId() == null) {
                errors.put("audience[" + i + "].orgId", "is required");
            } else if (orgId != null && !orgId.equals(entry.orgId())) {
                errors.put("audience[" + i + "].orgId", "must be the owning organisation of an organisation's model");
            }
        }
    }

    private static void checkFallbacks(Map<String, String> errors, String name, List<String> fallbacks) {
        if (fallbacks.size() > MAX_FALLBACKS) {
            errors.put("fallbacks", "must have at most " + MAX_FALLBACKS + " models");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fallbacks.size(); i++) {
            String fallback = fallbacks.get(i);
            if (fallback == null || !NAME.matcher(fallback).matches()) {
                errors.put("fallbacks[" + i + "]", NAME_RULE);
            } else if (fallback.equals(name)) {
                errors.put("fallbacks[" + i + "]", "must not be the model itself");
            } else if (!seen.add(fallback)) {
                errors.put("fallbacks[" + i + "]", "is listed twice");
            }
        }
    }

    private static List<DeploymentDraft> checkDeployments(Map<String, String> errors, List<DeploymentFields> fields) {
        if (fields == null || fields.isEmpty()) {
            errors.put("deployments", "must have at least one deployment");
            return List.of();
        }
        if (fields.size() > MAX_DEPLOYMENTS) {
            errors.put("deployments", "must have at most " + MAX_DEPLOYMENTS + " deployments");
            return List.of();
        }
        List<DeploymentDraft> drafts = new java.util.ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String at = "deployments[" + i + "].";
            DeploymentFields d = fields.get(i);
            if (d == null) {
                errors.put("deployments[" + i + "]", "is required");
                continue;
            }
            String provider = Checks.text(errors, at + "provider", d.provider(), 128, null, null);
            String upstream = Checks.text(errors, at + "upstreamModel", d.upstreamModel(), 256, null, null);
            int weight = d.weight() == null ? 1 : d.weight();
            int priority = d.priority() == null ? 0 : d.priority();
            Checks.range(errors, at + "weight", weight, 0, 1000);
            Checks.range(errors, at + "priority", priority, 0, 100);
            Checks.range(errors, at + "maxConcurrent", d.maxConcurrent(), 1, 100_000);
            Checks.range(errors, at + "rpm", d.rpm(), 1, 10_000_000);
            Checks.range(errors, at + "tpm", d.tpm(), 1, 2_000_000_000);
            if (provider != null && upstream != null && !seen.add(provider + "\n" + upstream)) {
                errors.put(at + "upstreamModel", "is deployed twice on the same provider");
            }
            drafts.add(new DeploymentDraft(provider, upstream, weight, priority, d.maxConcurrent(), d.rpm(), d.tpm()));
        }
        if (errors.keySet().stream().noneMatch(k -> k.startsWith("deployments"))
                && drafts.stream().allMatch(d -> d.weight() == 0)) {
            errors.put("deployments", "must have at least one deployment with a weight above 0");
        }
        return drafts;
    }
}
