package io.tollgate.catalog.internal.domain;

import io.tollgate.catalog.api.ProviderType;
import io.tollgate.catalog.api.Timeouts;
import io.tollgate.platform.error.TollgateException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A validated provider, for creating one or as the result of a patch. {@code secret} is a new credential, or
 * null to keep the stored one (or to have none). The base URL is checked here for form only; the SSRF guard,
 * which resolves the host, runs in the application layer.
 */
public record ProviderDraft(UUID orgId, String name, ProviderType type, String baseUrl, String apiVersion,
        Map<String, String> extraHeaders, Timeouts timeouts, Integer maxConcurrent, ProviderSecret secret) {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern AZURE_API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");
    private static final int MAX_TIMEOUT_MS = 3_600_000;
    /** Headers the gateway sets itself, or that would carry a credential in plain text. */
    private static final Set<String> RESERVED_EXTRA = Set.of("host", "content-length", "transfer-encoding",
            "connection", "authorization", "api-key", "x-api-key", "proxy-authorization", "cookie");
    private static final Set<String> RESERVED_CREDENTIAL = Set.of("host", "content-length", "transfer-encoding",
            "connection");

    /** Validates every field and reports all problems at once; {@code hasStoredSecret} for patches. */
    public static ProviderDraft of(UUID orgId, String name, String type, String baseUrl, String apiVersion,
            Map<String, String> extraHeaders, Timeouts timeouts, Integer maxConcurrent, ProviderSecret secret,
            boolean hasStoredSecret) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = Checks.text(errors, "name", name, 64, NAME,
                "must be 1-64 letters, digits, dots, underscores or hyphens, starting with a letter or digit");
        ProviderType providerType = null;
        if (type == null) {
            errors.put("type", "is required");
        } else {
            providerType = ProviderType.fromApiName(type).orElse(null);
            if (providerType == null) {
                errors.put("type", "must be one of openai, azure-openai, anthropic, simulator");
            }
        }
        String url = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
        if (url == null && providerType != null && providerType != ProviderType.SIMULATOR) {
            errors.put("baseUrl", "is required");
        } else if (url != null && url.length() > 2048) {
            errors.put("baseUrl", "must be at most 2048 characters");
        }
        checkApiVersion(errors, providerType, apiVersion);
        checkSecret(errors, providerType, secret, hasStoredSecret);
        Checks.headers(errors, "extraHeaders", extraHeaders, RESERVED_EXTRA);
        Timeouts checkedTimeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
        checkTimeouts(errors, checkedTimeouts);
        Checks.range(errors, "maxConcurrent", maxConcurrent, 1, 100_000);
        if (!errors.isEmpty()) {
            throw TollgateException.invalid(errors);
        }
        return new ProviderDraft(orgId, cleanName, providerType, url == null ? null : url.replaceAll("/+$", ""),
                apiVersion, extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders), checkedTimeouts, maxConcurrent,
                secret);
    }

    /**
     * A provider as declared in Git, which never holds a secret: the stored credential stays as it is, and one
     * that a type needs is set through the API after the provider exists.
     */
    public static ProviderDraft declared(UUID orgId, String name, String type, String baseUrl, String apiVersion,
            Map<String, String> extraHeaders, Timeouts timeouts, Integer maxConcurrent) {
        return of(orgId, name, type, baseUrl, apiVersion, extraHeaders, timeouts, maxConcurrent, null, true);
    }

    private static void checkApiVersion(Map<String, String> errors, ProviderType type, String apiVersion) {
        if (type == ProviderType.AZURE_OPENAI) {
            if (apiVersion == null) {
                errors.put("apiVersion", "is required for azure-openai");
            } else if (!AZURE_API_VERSION.matcher(apiVersion).matches()) {
                errors.put("apiVersion", "must look like 2024-10-21 or 2024-12-01-preview");
            }
        } else if (apiVersion != null && type != null) {
            errors.put("apiVersion", "applies only to azure-openai");
        }
    }

    private static void checkSecret(Map<String, String> errors, ProviderType type, ProviderSecret secret,
            boolean hasStoredSecret) {
        if (secret != null && secret.apiKey() != null && !secret.headers().isEmpty()) {
            errors.put("apiKey", "give either apiKey or credentialHeaders, not both");
            return;
        }
        if (secret != null && secret.apiKey() != null) {
            String key = secret.apiKey();
            if (key.isBlank() || key.length() > 4096 || key.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                errors.put("apiKey", "must be 1-4096 printable characters without spaces");
            }
        }
        if (secret != null) {
            Checks.headers(errors, "credentialHeaders", secret.headers(), RESERVED_CREDENTIAL);
        }
        boolean hasSecret = hasStoredSecret || (secret != null && (secret.apiKey() != null || !secret.headers().isEmpty()));
        if (!hasSecret && (type == ProviderType.AZURE_OPENAI || type == ProviderType.ANTHROPIC)) {
            errors.put("apiKey", "is required for " + type.apiName());
        }
    }

    private static void checkTimeouts(Map<String, String> errors, Timeouts t) {
        Checks.range(errors, "timeouts.connectMs", t.connectMs(), 1, MAX_TIMEOUT_MS);
        Checks.range(errors, "timeouts.firstByteMs", t.firstByteMs(), 1, MAX_TIMEOUT_MS);
        Checks.range(errors, "timeouts.idleMs", t.idleMs(), 1, MAX_TIMEOUT_MS);
        Checks.range(errors, "timeouts.totalMs", t.totalMs(), 1, MAX_TIMEOUT_MS);
        if (errors.keySet().stream().noneMatch(field -> field.startsWith("timeouts."))
                && Math.max(t.connectMs(), Math.max(t.firstByteMs(), t.idleMs())) > t.totalMs()) {
            errors.put("timeouts.totalMs", "must be at least the connect, first-byte and idle timeouts");
        }
    }
}
