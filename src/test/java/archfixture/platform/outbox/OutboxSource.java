package archfixture.platform.outbox;

/** Stands for the kernel's outbox source, which a context produces per role. */
public record OutboxSource(String context) {
}
