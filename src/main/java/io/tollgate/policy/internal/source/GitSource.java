package io.tollgate.policy.internal.source;

import io.tollgate.platform.Hashes;
import io.tollgate.policy.internal.documents.SourceFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * One branch of a Git repository, kept as a bare clone under the data directory and fetched on every sync. Files are
 * read from the commit's tree, not from a checkout, so what is read is exactly that commit.
 */
public final class GitSource implements PolicySource {

    private static final Set<String> SSH_SCHEMES = Set.of("ssh", "git+ssh", "ssh+git");

    private final String url;
    private final String branch;
    private final String path;
    private final Path clone;
    private final Supplier<GitAccess> access;

    /**
     * {@code path}: the directory within the repository holding the documents, empty for the whole repository;
     * {@code access} is made at each fetch, so only the process that fetches needs the credentials.
     */
    public GitSource(String url, String branch, String path, Path dataDir, Supplier<GitAccess> access) {
        this.url = url;
        this.branch = branch;
        this.path = trimSlashes(path);
        this.clone = dataDir.resolve(Hashes.sha256Hex(url + "#" + branch).substring(0, 16) + ".git");
        this.access = access;
    }

    /** Whether the URL names an SSH remote: {@code ssh://…} or scp-like {@code [user@]host:path}, as Git reads it. */
    public static boolean isSsh(String url) {
        try {
            URIish uri = new URIish(url.strip());
            return uri.getScheme() == null ? uri.getHost() != null : SSH_SCHEMES.contains(uri.getScheme());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String id() {
        return "git:" + url + "#" + branch + (path.isEmpty() ? "" : ":" + path);
    }

    @Override
    public synchronized Snapshot fetch() {
        GitAccess access = this.access.get();
        try (access; Git git = openOrClone(access)) {
            var fetch = git.fetch().setRemote("origin").setRemoveDeletedRefs(true)
                    .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/heads/" + branch));
            access.configure(fetch);
            fetch.call();
            Repository repository = git.getRepository();
            ObjectId head = repository.resolve("refs/heads/" + branch);
            if (head == null) {
                throw new SourceException("branch " + branch + " does not exist in " + url);
            }
            return new Snapshot(head.name(), read(repository, head));
        } catch (GitAPIException | IOException e) {
            throw new SourceException("cannot fetch " + url + " (" + branch + "): " + access.explain(e.getMessage()),
                    e);
        }
    }

    private Git openOrClone(GitAccess access) throws GitAPIException, IOException {
        if (Files.isDirectory(clone.resolve("objects"))) {
            return Git.open(clone.toFile());
        }
        deleteRecursively(clone);
        Files.createDirectories(clone.getParent());
        var cloning = Git.cloneRepository().setURI(url).setBare(true).setDirectory(clone.toFile())
                .setBranchesToClone(List.of("refs/heads/" + branch)).setBranch(branch);
        access.configure(cloning);
        return cloning.call();
    }

    private List<SourceFile> read(Repository repository, ObjectId head) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        boolean found = path.isEmpty();
        try (RevWalk commits = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = commits.parseCommit(head);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            if (!path.isEmpty()) {
                tree.setFilter(PathFilter.create(path));
            }
            while (tree.next()) {
                found = true;
                String file = tree.getPathString();
                String relative = path.isEmpty() ? file : file.substring(path.length() + 1);
                if (PolicySource.isPolicyFile(file) && !hidden(relative)) {
                    files.add(new SourceFile(relative, new String(repository.open(tree.getObjectId(0)).getBytes(),
                            StandardCharsets.UTF_8)));
                }
            }
        }
        if (!found) {
            throw new SourceException("path " + path + " does not exist in " + url + " at " + head.name());
        }
        files.sort(Comparator.comparing(SourceFile::path));
        return files;
    }

    private static boolean hidden(String relative) {
        return relative.startsWith(".") || relative.contains("/.");
    }

    private static String trimSlashes(String path) {
        String trimmed = path == null ? "" : path.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
