package io.tollgate.gateway.internal.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.catalog.api.ProviderType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Azure OpenAI: OpenAI's wire format behind per-deployment URLs
 * ({@code {base}/openai/deployments/{deployment}/{path}?api-version=…}) and an {@code api-key} header. The
 * deployment's upstream model is the Azure deployment name; the body keeps it too, which Azure ignores.
 */
public class OpenAiToAzure extends OpenAiToOpenAi {

    /** Used when the provider was registered without an {@code apiVersion}. */
    static final String DEFAULT_API_VERSION = "2024-10-21";

    public OpenAiToAzure(ObjectMapper json) {
        super(json);
    }

    @Override
    public ProviderType type() {
        return ProviderType.AZURE_OPENAI;
    }

    @Override
    protected String url(Target target, String path) {
        String version = target.deployment().apiVersion() == null ? DEFAULT_API_VERSION : target.deployment().apiVersion();
        return target.baseUrl() + "/openai/deployments/" + encode(target.deployment().upstreamModel()) + "/" + path
                + "?api-version=" + encode(version);
    }

    @Override
    protected String credentialHeader() {
        return "api-key";
    }

    @Override
    protected String credentialValue(String apiKey) {
        return apiKey;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
