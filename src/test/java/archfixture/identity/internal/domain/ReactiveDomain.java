package archfixture.identity.internal.domain;

/** Domain code that depends on the reactive framework. */
public class ReactiveDomain {
    public io.smallrye.mutiny.Uni<String> name() {
        return null;
    }
}
