package io.tollgate.catalog.internal.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tollgate.catalog.internal.domain.CatalogAccess;
import io.tollgate.catalog.internal.domain.ModelDraft;
import io.tollgate.catalog.internal.domain.PriceDraft;
import io.tollgate.catalog.internal.domain.Provider;
import io.tollgate.catalog.internal.domain.ProviderDraft;
import io.tollgate.catalog.internal.domain.SeedPlan;
import io.tollgate.catalog.internal.persistence.ModelRepository;
import io.tollgate.catalog.internal.persistence.ProviderRepository;
import io.tollgate.platform.web.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Seeds an empty catalog ({@link SeedPlan}) and logs what it created. OpenAI is seeded when
 * {@code OPENAI_API_KEY} or {@code OPENAI_BASE_URL} is set (an OpenAI-compatible server's models are listed
 * from its {@code /models}); a local Ollama when it answers and loopback is allowed. Every provider passes the
 * same checks as one created through the API.
 */
@ApplicationScoped
public class CatalogSeeder {

    private static final Logger LOG = Logger.getLogger(CatalogSeeder.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Pool catalog;
    private final ProviderRepository providerRows;
    private final ModelRepository modelRows;
    private final ProviderService providers;
    private final ModelService models;
    private final CatalogConfig config;
    private final ObjectMapper json;
    private final Optional<String> openAiKey;
    private final Optional<String> openAiBaseUrl;
    private final CatalogAccess platform = AccessFactory.platform(Actor.system("catalog-seed"));

    public CatalogSeeder(@ReactiveDataSource("catalog") Pool catalog, ProviderRepository providerRows,
            ModelRepository modelRows, ProviderService providers, ModelService models, CatalogConfig config,
            ObjectMapper json, @ConfigProperty(name = "OPENAI_API_KEY") Optional<String> openAiKey,
            @ConfigProperty(name = "OPENAI_BASE_URL") Optional<String> openAiBaseUrl) {
        this.catalog = catalog;
        this.providerRows = providerRows;
        this.modelRows = modelRows;
        this.providers = providers;
        this.models = models;
        this.config = config;
        this.json = json;
        this.openAiKey = openAiKey;
        this.openAiBaseUrl = openAiBaseUrl;
    }

    /** Seeds when the catalog has never held a provider or model; emits the names of the models created. */
    public Uni<List<String>> seedIfEmpty() {
        return providerRows.any(catalog).flatMap(anyProvider -> modelRows.any(catalog).flatMap(anyModel -> {
            if (anyProvider || anyModel) {
                return Uni.createFrom().item(List.<String>of());
            }
            List<String> created = new ArrayList<>();
            return seedSimulator(created).call(() -> seedOpenAi(created)).call(() -> seedOllama(created))
                    .replaceWith(created);
        }));
    }

    private Uni<Void> seedSimulator(List<String> created) {
        return seed(SeedPlan.simulator(), List.of(SeedPlan.SIMULATOR_MODEL), created)
                .call(() -> models.page(platform, null, 100)
                        .map(all -> all.stream().filter(m -> m.model().name().equals(SeedPlan.SIMULATOR_MODEL)).findFirst())
                        .flatMap(sim -> sim.isEmpty() ? Uni.createFrom().voidItem()
                                : models.addPrice(platform, sim.get().model().id(), now -> PriceDraft.of(null,
                                        BigDecimal.ZERO, BigDecimal.ZERO, null, "USD", now, now)).replaceWithVoid()));
    }

    private Uni<Void> seedOpenAi(List<String> created) {
        if (openAiKey.isEmpty() && openAiBaseUrl.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String baseUrl = openAiBaseUrl.map(url -> url.replaceAll("/+$", "")).orElse(null);
        Uni<List<String>> upstream = baseUrl == null ? Uni.createFrom().item(config.seed().openaiModels())
                : probe(baseUrl + "/models", openAiKey.orElse(null), "data", "id");
        return upstream.flatMap(names -> seed(SeedPlan.openAi(baseUrl, openAiKey.orElse(null)), names, created));
    }

    private Uni<Void> seedOllama(List<String> created) {
        if (!config.allowLoopback()) {
            LOG.infof("Seeding: not looking for Ollama at %s (set tollgate.catalog.allow-loopback=true to allow it)",
                    config.seed().ollamaUrl());
            return Uni.createFrom().voidItem();
        }
        return probe(config.seed().ollamaUrl() + "/api/tags", null, "models", "name").flatMap(names -> names.isEmpty()
                ? Uni.createFrom().voidItem()
                : seed(SeedPlan.ollama(config.seed().ollamaUrl()), names, created));
    }

    private Uni<Void> seed(ProviderDraft draft, List<String> upstreamModels, List<String> created) {
        return providers.create(platform, draft).flatMap(provider -> {
            LOG.infof("Seeded provider %s (%s, %s)", provider.name(), provider.type().apiName(),
                    provider.baseUrl() == null ? "built in" : provider.baseUrl());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ModelDraft model : SeedPlan.models(provider.id().toString(), upstreamModels)) {
                chain = chain.call(() -> models.create(platform, model).invoke(m -> {
                    created.add(m.model().name());
                    LOG.infof("Seeded model %s on %s", m.model().name(), provider.name());
                }).onFailure().recoverWithItem(failure -> {
                    LOG.infof("Seeding: skipped model %s: %s", model.name(), failure.getMessage());
                    return null;
                }));
            }
            return chain;
        }).onFailure().recoverWithUni(failure -> {
            LOG.warnf("Seeding: skipped provider %s: %s", draft.name(), failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** The {@code field} of each element of the array {@code list} in a JSON answer; empty when nothing answers. */
    private Uni<List<String>> probe(String url, String apiKey, String list, String field) {
        return Uni.createFrom().item(() -> {
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER).build()) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET();
                if (apiKey != null) {
                    request.header("authorization", "Bearer " + apiKey);
                }
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                List<String> names = new ArrayList<>();
                if (response.statusCode() == 200) {
                    for (JsonNode item : json.readTree(response.body()).path(list)) {
                        names.add(item.path(field).asText());
                    }
                }
                return names;
            } catch (Exception e) {
                LOG.infof("Seeding: nothing answers at %s", url);
                return List.<String>of();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
