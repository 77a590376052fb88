package io.tollgate.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.platform.error.TollgateException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Converts specs between JSON and a kind's spec record. {@link PolicyKind#normalise} and {@link PolicyKind#observe}
 * both render through the same record, so that equal states give equal JSON whatever number types the YAML
 * parser chose; absent (null) fields are left out.
 */
public final class Specs {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Specs() {
    }

    /** The spec as {@code type}; a spec that does not fit answers 400 naming the cause. */
    public static <T> T read(ObjectNode spec, Class<T> type) {
        try {
            return JSON.treeToValue(spec, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e.getMessage() == null ? "is malformed" : e.getMessage().lines().findFirst().orElse("is malformed");
            throw TollgateException.invalid(Map.of("spec", why));
        }
    }

    public static ObjectNode write(Object spec) {
        return JSON.valueToTree(spec);
    }

    /** A declared amount (a decimal string) in its canonical form; 400 naming {@code field} when it is not a number. */
    public static String amount(String field, String declared) {
        try {
            return declared == null ? null : amount(new BigDecimal(declared));
        } catch (NumberFormatException e) {
            throw TollgateException.invalid(Map.of(field, "must be a decimal string such as \"2.50\""));
        }
    }

    /** An amount in its one canonical form: a plain decimal string without trailing zeros ({@code "2.5"}, {@code "10"}). */
    public static String amount(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }
}
