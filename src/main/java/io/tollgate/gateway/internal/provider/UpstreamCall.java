package io.tollgate.gateway.internal.provider;

import io.vertx.core.buffer.Buffer;
import java.util.Map;

/** One HTTP {@code POST} to a provider: absolute URL, headers (credentials included) and the JSON body. */
public record UpstreamCall(String url, Map<String, String> headers, Buffer body) {

    @Override
    public String toString() {
        return "UpstreamCall[" + url + "]"; // headers carry credentials
    }
}
