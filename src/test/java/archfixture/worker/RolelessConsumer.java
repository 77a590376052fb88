package archfixture.worker;

import io.quarkus.arc.properties.IfBuildProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer whose build condition is not a role switch. */
@IfBuildProperty(name = "archfixture.never", stringValue = "true")
public class RolelessConsumer {

    @Incoming("archfixture-never")
    public void consume(String message) {
    }
}
