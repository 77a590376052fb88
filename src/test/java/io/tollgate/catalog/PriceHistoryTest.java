package io.tollgate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.catalog.api.DeploymentPrice;
import io.tollgate.catalog.api.DeploymentRoute;
import io.tollgate.catalog.internal.domain.Price;
import io.tollgate.catalog.internal.domain.PriceDraft;
import io.tollgate.catalog.internal.domain.PriceHistory;
import io.tollgate.platform.error.TollgateException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PriceHistoryTest {

    private static final UUID MODEL = UUID.randomUUID();
    private static final UUID DEPLOYMENT = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private static final Instant T1 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant T3 = Instant.parse("2025-06-01T00:00:00Z");

    private static Price price(UUID deployment, String input, Instant from) {
        return new Price(UUID.randomUUID(), MODEL, deployment, new BigDecimal(input), BigDecimal.TEN, null, "USD", from, from);
    }

    private static final PriceHistory HISTORY = new PriceHistory(List.of(price(null, "3", T2), price(null, "5", T1),
            price(DEPLOYMENT, "1.5", T3)));

    @ParameterizedTest(name = "at {0} on {1}: {2}")
    @CsvSource({
            "2024-12-31T23:59:59Z, model, none",
            "2025-01-01T00:00:00Z, model, 5",
            "2025-02-15T12:00:00Z, model, 5",
            "2025-03-01T00:00:00Z, model, 3",
            "2025-07-01T00:00:00Z, model, 3",
            "2025-05-31T23:59:59Z, deployment, 3",
            "2025-06-01T00:00:00Z, deployment, 1.5",
            "2025-07-01T00:00:00Z, other, 3" })
    void pastUsageIsRepricedWithTheVersionInEffectThen(String at, String scope, String expected) {
        UUID deployment = switch (scope) {
            case "deployment" -> DEPLOYMENT;
            case "other" -> OTHER;
            default -> null;
        };
        var price = HISTORY.priceAt(Instant.parse(at), deployment);
        if (expected.equals("none")) {
            assertThat(price).isEmpty();
        } else {
            assertThat(price).get().extracting(Price::inputPer1M).isEqualTo(new BigDecimal(expected));
        }
    }

    @Test
    void modelWithoutAPriceInEffectIsUnpriced() {
        assertThat(new PriceHistory(List.of()).unpricedAt(T1, List.of(DEPLOYMENT))).isTrue();
        assertThat(new PriceHistory(List.of()).unpricedAt(T1, List.of())).isTrue();
        PriceHistory onlyDeployment = new PriceHistory(List.of(price(DEPLOYMENT, "1", T1)));
        assertThat(onlyDeployment.unpricedAt(T2, List.of(DEPLOYMENT))).isFalse();
        assertThat(onlyDeployment.unpricedAt(T2, List.of(DEPLOYMENT, OTHER))).isTrue();
        assertThat(HISTORY.unpricedAt(T2, List.of(DEPLOYMENT, OTHER))).isFalse();
    }

    @Test
    void theScheduleHoldsThePriceInEffectThenEachLaterOneOfTheDeployment() {
        assertThat(HISTORY.scheduleFrom(Instant.parse("2025-02-15T00:00:00Z"), DEPLOYMENT))
                .extracting(Price::inputPer1M, Price::effectiveFrom)
                .containsExactly(tuple(new BigDecimal("5"), T1), tuple(new BigDecimal("3"), T2), tuple(new BigDecimal("1.5"), T3));
        assertThat(HISTORY.scheduleFrom(Instant.parse("2025-02-15T00:00:00Z"), OTHER)).extracting(Price::inputPer1M)
                .containsExactly(new BigDecimal("5"), new BigDecimal("3"));
        assertThat(HISTORY.scheduleFrom(T3, DEPLOYMENT)).extracting(Price::inputPer1M).containsExactly(new BigDecimal("1.5"));
        PriceHistory ownFirst = new PriceHistory(List.of(price(DEPLOYMENT, "1", T1), price(null, "9", T2)));
        assertThat(ownFirst.scheduleFrom(T1, DEPLOYMENT)).as("the deployment's own price stays ahead of a later model price")
                .extracting(Price::inputPer1M).containsExactly(BigDecimal.ONE);
        assertThat(HISTORY.scheduleFrom(Instant.parse("2024-06-01T00:00:00Z"), null)).as("nothing in effect yet")
                .extracting(Price::effectiveFrom).containsExactly(T1, T2);
        assertThat(new PriceHistory(List.of()).scheduleFrom(T1, DEPLOYMENT)).isEmpty();
    }

    @ParameterizedTest(name = "{3} in + {4} cached + {5} out at {0}/{1}/{2} per 1M: {6} micros")
    @CsvSource(nullValues = "null", value = {
            "2.50, 10, 1.25, 1000, 0, 500, 7500",
            "2.50, 10, 1.25, 1000, 400, 500, 7000",
            "2.50, 10, null, 1000, 400, 500, 7500",
            "0.15, 0.6, null, 1, 0, 0, 1",
            "0.0000001, 0, null, 1, 0, 0, 1",
            "0, 0, null, 5000, 0, 5000, 0",
            "999999999, 999999999, null, 9223372036854775807, 0, 9223372036854775807, 1000000000000000",
            "1, 1, null, -5, 9, -1, 0" })
    void gatewayCostsAreWholeMicrosRoundedUpAndSaturate(String input, String output, String cached, long prompt,
            long cachedPrompt, long completion, long micros) {
        DeploymentPrice price = DeploymentPrice.of(T1, "USD", new BigDecimal(input), new BigDecimal(output),
                cached == null ? null : new BigDecimal(cached));
        assertThat(price.costMicros(prompt, cachedPrompt, completion)).isEqualTo(micros);
    }

    @Test
    void aDeploymentRouteAppliesTheLatestScheduledPriceThatHasStarted() {
        DeploymentPrice first = DeploymentPrice.of(T1, "USD", BigDecimal.ONE, BigDecimal.ONE, null);
        DeploymentPrice later = DeploymentPrice.of(T3, "USD", BigDecimal.TEN, BigDecimal.TEN, null);
        DeploymentRoute route = new DeploymentRoute(UUID.randomUUID(), UUID.randomUUID(), null, "http://x", null, null,
                null, null, null, "m", 1, 0, null, null, null, List.of(first, later));
        assertThat(route.priceAt(T1.minusSeconds(1))).isNull();
        assertThat(route.priceAt(T2)).isEqualTo(first);
        assertThat(route.priceAt(T3)).isEqualTo(later);
        assertThat(new DeploymentRoute(UUID.randomUUID(), UUID.randomUUID(), null, "http://x", null, null, null, null,
                null, "m", 1, 0, null, null, null, null).priceAt(T3)).as("unpriced").isNull();
    }

    @Test
    void aNewVersionMustStartAfterTheLatestOfItsScope() {
        PriceDraft early = new PriceDraft(null, BigDecimal.ONE, BigDecimal.ONE, null, "USD", T2);
        assertThatThrownBy(() -> HISTORY.requireAppendable(early)).isInstanceOf(TollgateException.class)
                .hasMessageContaining("already effective");
        HISTORY.requireAppendable(new PriceDraft(null, BigDecimal.ONE, BigDecimal.ONE, null, "USD", T3));
        HISTORY.requireAppendable(new PriceDraft(OTHER, BigDecimal.ONE, BigDecimal.ONE, null, "USD", T1));
    }

    @ParameterizedTest(name = "{0}/{1}/{2} {3} from {4}: {5}")
    @CsvSource(nullValues = "null", value = {
            "1.25, 10, 0.5, USD, null, ok",
            "0, 0, null, EUR, null, ok",
            "-1, 1, null, USD, null, inputPer1M",
            "1, null, null, USD, null, outputPer1M",
            "1, 1, -0.1, USD, null, cachedInputPer1M",
            "1, 1, 0.00000000001, USD, null, cachedInputPer1M",
            "1000000000, 1, null, USD, null, inputPer1M",
            "1, 1, null, usd, null, currency",
            "1, 1, null, XYZ, null, currency",
            "1, 1, null, null, null, currency",
            "1, 1, null, USD, 2020-01-01T00:00:00Z, effectiveFrom" })
    void priceDraftsAreValidated(String input, String output, String cached, String currency, String from, String outcome) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        var attempt = (org.assertj.core.api.ThrowableAssert.ThrowingCallable) () -> PriceDraft.of(null,
                input == null ? null : new BigDecimal(input), output == null ? null : new BigDecimal(output),
                cached == null ? null : new BigDecimal(cached), currency, from == null ? null : Instant.parse(from), now);
        if (outcome.equals("ok")) {
            assertThat(PriceDraft.of(null, new BigDecimal(input), new BigDecimal(output), null, currency, null, now)
                    .effectiveFrom()).isEqualTo(now);
        } else {
            assertThatThrownBy(attempt).isInstanceOfSatisfying(TollgateException.class,
                    e -> assertThat(e.fieldErrors()).containsKey(outcome));
        }
    }
}
