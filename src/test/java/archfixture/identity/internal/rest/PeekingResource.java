package archfixture.identity.internal.rest;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A management endpoint with no access rule, reading another context's internals. */
@Path("/admin/v1/fixture")
@IfBuildProperty(name = "tollgate.role.never", stringValue = "true")
public class PeekingResource {

    @GET
    public String open() {
        return new archfixture.keys.internal.KeySecret("h").hash();
    }
}
