package archfixture.keys;

/** Keys depending on identity while identity depends on keys: a cycle. */
public record KeyView(String id, archfixture.identity.api.OrgView org) {
}
