package io.tollgate.policy.internal.source;

/** A place policy documents are read from. Fetching blocks (network, disk): call it off the event loop. */
public interface PolicySource {

    /**
     * Names the source: the inventory, runs and drift are kept per source, so changing the repository, branch or path
     * starts over (the objects of the old source stay on the platform, no longer managed).
     */
    String id();

    /** The files as of the newest commit; fails with {@link SourceException} when they cannot be read. */
    Snapshot fetch();

    /** Whether a file holds policy documents. */
    static boolean isPolicyFile(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
