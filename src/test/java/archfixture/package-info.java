/**
 * Planted architecture violations, one per rule, for {@code ArchitectureRulesCanFailTest}. Nothing here runs:
 * the REST resource, the consumer and the outbox source carry a build condition that is never true, so Quarkus
 * leaves them out.
 */
package archfixture;
