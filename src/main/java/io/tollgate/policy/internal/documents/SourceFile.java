package io.tollgate.policy.internal.documents;

/** The text of one policy file and its path relative to the policy root ({@code /}-separated). */
public record SourceFile(String path, String text) {
}
