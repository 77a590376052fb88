package archfixture.keys.internal;

public record KeySecret(String hash) {
}
