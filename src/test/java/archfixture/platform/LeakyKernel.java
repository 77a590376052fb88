package archfixture.platform;

/** The kernel reaching into a context. */
public class LeakyKernel {
    public archfixture.identity.api.OrgView org() {
        return null;
    }
}
