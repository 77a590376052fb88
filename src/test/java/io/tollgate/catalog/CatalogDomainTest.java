package io.tollgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.catalog.api.Audience;
import io.tollgate.catalog.api.Capabilities;
import io.tollgate.catalog.api.DeploymentPrice;
import io.tollgate.catalog.api.EncryptedCredential;
import io.tollgate.catalog.api.ProviderType;
import io.tollgate.catalog.api.RetryPolicy;
import io.tollgate.catalog.api.RoutingStrategy;
import io.tollgate.catalog.api.Timeouts;
import io.tollgate.catalog.internal.domain.CatalogAccess;
import io.tollgate.catalog.internal.domain.Deployment;
import io.tollgate.catalog.internal.domain.Model;
import io.tollgate.catalog.internal.domain.ModelDraft;
import io.tollgate.catalog.internal.domain.ModelDraft.DeploymentFields;
import io.tollgate.catalog.internal.domain.Price;
import io.tollgate.catalog.internal.domain.PriceHistory;
import io.tollgate.catalog.internal.domain.Provider;
import io.tollgate.catalog.internal.domain.ProviderDraft;
import io.tollgate.catalog.internal.domain.ProviderSecret;
import io.tollgate.catalog.internal.domain.RouteTable;
import io.tollgate.catalog.internal.domain.SeedPlan;
import io.tollgate.catalog.internal.domain.StoredCredential;
import io.tollgate.platform.error.ErrorKind;
import io.tollgate.platform.error.TollgateException;
import io.tollgate.platform.security.Grants;
import io.tollgate.platform.web.Actor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CatalogDomainTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID OTHER_ORG = UUID.randomUUID();
    private static final DeploymentFields ONE = new DeploymentFields("p", "m", null, null, null, null, null);

    private static Map<String, String> errorsOf(Runnable attempt) {
        try {
            attempt.run();
            return Map.of();
        } catch (TollgateException e) {
            return e.fieldErrors();
        }
    }

    @Test
    void providerDraftsValidateEveryField() {
        assertThat(errorsOf(() -> ProviderDraft.of(null, null, null, null, null, null, null, null, null, false)))
                .containsKeys("name", "type");
        assertThat(errorsOf(() -> ProviderDraft.of(null, "a", "anthropic", null, "2024-10-21", null, null, null, null, false)))
                .containsKeys("baseUrl", "apiVersion", "apiKey");
        assertThat(errorsOf(() -> ProviderDraft.of(null, "a", "azure-openai", "https://x", "v1", null, null, null,
                new ProviderSecret("key with space", Map.of("X-A", "b")), false))).containsKeys("apiVersion", "apiKey");
        assertThat(errorsOf(() -> ProviderDraft.of(null, "a", "openai", "https://x", null, Map.of("Bad Name", "v", "Host", "h",
                "X-Ok", "line\nbreak"), new Timeouts(10, 10, 10, 5), 0, new ProviderSecret(null, Map.of("x-key", "")), false)))
                .containsKeys("extraHeaders.Bad Name", "extraHeaders.Host", "extraHeaders.X-Ok", "timeouts.totalMs",
                        "maxConcurrent", "credentialHeaders.x-key");
        ProviderDraft ok = ProviderDraft.of(ORG, " vllm ", "openai", "http://vllm:8000/v1/", null, null, null, 8, null, false);
        assertThat(ok.name()).isEqualTo("vllm");
        assertThat(ok.baseUrl()).isEqualTo("http://vllm:8000/v1");
        assertThat(ok.timeouts()).isEqualTo(Timeouts.DEFAULT);
        assertThat(ProviderDraft.of(null, "az", "anthropic", "https://x", null, null, null, null, null, true).type())
                .isEqualTo(ProviderType.ANTHROPIC);
    }

    @Test
    void secretsAreRedactedAndShowOnlyTheirLastFourCharacters() {
        ProviderSecret secret = new ProviderSecret("sk-abcdefgh1234", null);
        assertThat(secret.last4()).isEqualTo("1234");
        assertThat(new ProviderSecret("short", null).last4()).isNull();
        assertThat(secret.toString()).doesNotContain("abcdefgh");
        assertThat(new io.tollgate.catalog.api.Credential("sk-abcdefgh1234", null).toString()).doesNotContain("abcdefgh");
        assertThat(new ProviderSecret(null, Map.of("b", "1", "a", "2")).headerNames()).containsExactly("a", "b");
    }

    @Test
    void modelDraftsValidateEveryField() {
        assertThat(errorsOf(() -> ModelDraft.of(null, "m!", null, "fastest", new RetryPolicy(0, -1),
                List.of("m!", "x", "x"), new Capabilities(false, false, false, true, false, 0), List.of())))
                .containsKeys("name", "strategy", "retry.attempts", "retry.backoffMs", "fallbacks[2]",
                        "capabilities", "capabilities.maxContextTokens", "deployments");
        assertThat(errorsOf(() -> ModelDraft.of(ORG, "m", List.of(new Audience(OTHER_ORG, null)), null, null,
                List.of("m"), null, List.of(new DeploymentFields("p", "u", 0, 0, null, null, null)))))
                .containsKeys("audience[0].orgId", "fallbacks[0]", "deployments");
        assertThat(errorsOf(() -> ModelDraft.of(null, "m", null, null, null, null, null,
                List.of(ONE, ONE, new DeploymentFields(null, null, 1001, -1, 0, 0, 0)))))
                .containsKeys("deployments[1].upstreamModel", "deployments[2].provider", "deployments[2].weight",
                        "deployments[2].priority", "deployments[2].maxConcurrent", "deployments[2].rpm", "deployments[2].tpm");
        ModelDraft ok = ModelDraft.of(null, "llama3.1:8b", null, "least-busy", null, null, null, List.of(ONE));
        assertThat(ok.strategy()).isEqualTo(RoutingStrategy.LEAST_BUSY);
        assertThat(ok.deployments().get(0).weight()).isEqualTo(1);
        assertThat(ok.capabilities()).isEqualTo(Capabilities.CHAT);
    }

    @Test
    void accessFollowsOwnershipAndHidesOtherOrganisations() {
        CatalogAccess root = new CatalogAccess(Grants.of(Set.of("superadmin")), Set.of(), Actor.system("test"));
        root.requireWrite(null, "provider");
        root.requireRead(OTHER_ORG, List.of(), "model");
        assertThat(root.readsEverything()).isTrue();

        CatalogAccess admin = new CatalogAccess(Grants.of(Set.of("admin@" + ORG)), Set.of(ORG), Actor.system("test"));
        admin.requireWrite(ORG, "model");
        admin.requireRead(null, List.of(), "model");
        admin.requireRead(null, List.of(new Audience(ORG, null)), "model");
        assertThat(kind(() -> admin.requireWrite(null, "provider"))).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(kind(() -> admin.requireWrite(OTHER_ORG, "model"))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(kind(() -> admin.requireRead(null, List.of(new Audience(OTHER_ORG, null)), "model")))
                .isEqualTo(ErrorKind.NOT_FOUND);

        CatalogAccess viewer = new CatalogAccess(Grants.of(Set.of("viewer@" + ORG)), Set.of(ORG), Actor.system("test"));
        assertThat(kind(() -> viewer.requireWrite(ORG, "model"))).isEqualTo(ErrorKind.FORBIDDEN);
        CatalogAccess billing = new CatalogAccess(Grants.of(Set.of("billing@" + ORG)), Set.of(), Actor.system("test"));
        assertThat(kind(billing::requireReadSomewhere)).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(kind(() -> billing.requireRead(ORG, List.of(), "model"))).isEqualTo(ErrorKind.FORBIDDEN);
    }

    @Test
    void routeTableCarriesDeploymentsOfLiveProvidersInPriorityOrder() {
        Instant now = Instant.now();
        EncryptedCredential sealed = new EncryptedCredential("k1", "w", "n", "c");
        Provider openai = new Provider(UUID.randomUUID(), null, "openai", ProviderType.OPENAI, "https://api", null,
                Map.of(), Timeouts.DEFAULT, 10, new StoredCredential(sealed, "1234", List.of()), 1, now, now);
        Deployment backup = new Deployment(UUID.randomUUID(), openai.id(), "gpt-4o-mini", 1, 1, null, null, null);
        Deployment primary = new Deployment(UUID.randomUUID(), openai.id(), "gpt-4o", 3, 0, 5, 60, 1000);
        Deployment gone = new Deployment(UUID.randomUUID(), UUID.randomUUID(), "x", 1, 0, null, null, null);
        Model chat = new Model(UUID.randomUUID(), null, "chat", List.of(new Audience(ORG, null)), RoutingStrategy.WEIGHTED,
                RetryPolicy.DEFAULT, List.of("other"), Capabilities.CHAT, List.of(backup, primary, gone), 1, now, now);
        Model orphan = new Model(UUID.randomUUID(), null, "orphan", List.of(), RoutingStrategy.WEIGHTED,
                RetryPolicy.DEFAULT, List.of(), Capabilities.CHAT, List.of(gone), 1, now, now);

        Price modelPrice = new Price(UUID.randomUUID(), chat.id(), null, new BigDecimal("2.5"), BigDecimal.TEN, null,
                "USD", now.minusSeconds(60), now);
        Price primaryPrice = new Price(UUID.randomUUID(), chat.id(), primary.id(), BigDecimal.ONE, BigDecimal.ONE, null,
                "EUR", now.plusSeconds(3600), now);

        var snapshot = RouteTable.snapshot(42, now, List.of(chat, orphan), Map.of(openai.id(), openai),
                Map.of(chat.id(), new PriceHistory(List.of(modelPrice, primaryPrice))));
        assertThat(snapshot.version()).isEqualTo(42);
        assertThat(snapshot.models()).containsOnlyKeys("chat");
        var route = snapshot.models().get("chat");
        assertThat(route.deployments()).extracting(d -> d.upstreamModel()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(route.deployments().get(0).credential()).isEqualTo(sealed);
        assertThat(route.deployments().get(0).prices()).extracting(DeploymentPrice::currency, DeploymentPrice::inputMicrosPer1M)
                .as("the model's price now, the deployment's own from its start").containsExactly(
                        org.assertj.core.api.Assertions.tuple("USD", 2_500_000L), org.assertj.core.api.Assertions.tuple("EUR", 1_000_000L));
        assertThat(route.deployments().get(1).prices()).extracting(DeploymentPrice::outputMicrosPer1M).containsExactly(10_000_000L);
        assertThat(snapshot.route("chat", ORG, null)).isPresent();
        assertThat(snapshot.route("chat", OTHER_ORG, null)).isEmpty();
        assertThat(snapshot.route("missing", ORG, null)).isEmpty();
    }

    @Test
    void seedPlanNamesTheSimulatorAndRecognisesEmbeddingModels() {
        assertThat(SeedPlan.simulator().type()).isEqualTo(ProviderType.SIMULATOR);
        assertThat(SeedPlan.openAi(null, "sk-seed-000000000").baseUrl()).isEqualTo(SeedPlan.OPENAI_URL);
        assertThat(SeedPlan.ollama("http://127.0.0.1:11434/").baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
        var models = SeedPlan.models("p", List.of("gpt-4o-mini", "text-embedding-3-small", "bad name", "gpt-4o-mini"));
        assertThat(models).extracting(ModelDraft::name).containsExactly("gpt-4o-mini", "text-embedding-3-small");
        assertThat(models.get(1).capabilities().embeddings()).isTrue();
        assertThat(models.get(0).capabilities().chat()).isTrue();
    }

    private static ErrorKind kind(Runnable attempt) {
        try {
            attempt.run();
            return null;
        } catch (TollgateException e) {
            return e.kind();
        }
    }
}
