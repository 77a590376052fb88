package io.tollgate.policy.internal.source;

import io.tollgate.policy.internal.documents.SourceFile;
import java.util.List;

/** The policy files at one commit ({@code local} for a plain directory), sorted by path. */
public record Snapshot(String commit, List<SourceFile> files) {

    public Snapshot {
        files = List.copyOf(files);
    }
}
