package archfixture.keys.internal;

import archfixture.platform.outbox.OutboxSource;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;

/** An outbox source whose build condition is not a role switch. */
@IfBuildProperty(name = "archfixture.never", stringValue = "true")
public class RolelessOutboxSource {

    @Produces
    OutboxSource keysOutbox() {
        return new OutboxSource("keys");
    }
}
