package io.tollgate.policy;

import io.tollgate.policy.internal.source.GitAccess;
import io.tollgate.policy.internal.source.GitSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository in a temporary directory, written and committed to as a policy repository would be. */
final class PolicyRepo implements AutoCloseable {

    private final Path dir;
    private final Git git;

    private PolicyRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static PolicyRepo create() {
        try {
            Path dir = Files.createTempDirectory("policy-repo");
            return new PolicyRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code policies/<file>}. */
    PolicyRepo write(String file, String yaml) {
        try {
            Path path = dir.resolve("policies").resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, yaml);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PolicyRepo delete(String file) {
        try {
            Files.delete(dir.resolve("policies").resolve(file));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything; returns the commit's SHA. */
    String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit commit = git.commit().setMessage(message).setAuthor("Policy Author", "policies@example.com")
                    .setCommitter("Policy Author", "policies@example.com").setSign(false).call();
            return commit.name();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository as the engine reads it: branch main, directory policies. */
    GitSource source() {
        try {
            return new GitSource(dir.toUri().toString(), "main", "policies", Files.createTempDirectory("policy-clone"),
                    GitAccess::anonymous);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        git.close();
    }
}
