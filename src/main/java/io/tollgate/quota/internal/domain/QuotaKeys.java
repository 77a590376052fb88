package io.tollgate.quota.internal.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

/**
 * Redis keys of the quota context, all under {@code tg:quota:{<orgId>}:}: the hash tag keeps an organisation's
 * keys in one cluster slot, so one script may touch them all. Counters carry TTLs; the definitions are a bounded
 * projection of the database, rebuilt by the worker (ADR 0019).
 */
public final class QuotaKeys {

    public static final String PREFIX = "tg:quota:";

    private QuotaKeys() {
    }

    private static String org(UUID orgId) {
        return PREFIX + "{" + orgId + "}:";
    }

    /** A level's projected limits. */
    public static String limits(UUID orgId, LimitLevel level, UUID subjectId) {
        return org(orgId) + "limits:" + level.apiName() + (level == LimitLevel.ORG ? "" : ":" + subjectId);
    }

    /** The organisation's projected budget. */
    public static String budget(UUID orgId) {
        return org(orgId) + "budget";
    }

    /** A rate counter: {@code kind} is {@code rpm}, {@code tpm} or {@code inflight}; {@code model} null for the level's own. */
    public static String counter(String kind, UUID orgId, LimitLevel level, UUID subjectId, String model) {
        return org(orgId) + kind + ":" + level.apiName() + ":" + subjectId + (model == null ? "" : ":m:" + model);
    }

    public static String spendOfDay(UUID orgId, LocalDate day, String currency) {
        return org(orgId) + "spend:day:" + day + ":" + currency;
    }

    public static String spendOfMonth(UUID orgId, YearMonth month, String currency) {
        return org(orgId) + "spend:month:" + month + ":" + currency;
    }
}
