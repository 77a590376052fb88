package archfixture.identity.api;

public record OrgView(String id, archfixture.keys.KeyView key) {
}
