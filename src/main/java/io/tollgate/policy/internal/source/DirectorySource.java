package io.tollgate.policy.internal.source;

import io.tollgate.policy.internal.documents.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A plain directory, for development: every {@code .yaml}/{@code .yml} below it, hidden directories skipped. There is
 * no commit; runs and objects show {@code local}.
 */
public final class DirectorySource implements PolicySource {

    public static final String LOCAL_COMMIT = "local";

    private final Path root;

    public DirectorySource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String id() {
        return "dir:" + root;
    }

    @Override
    public Snapshot fetch() {
        if (!Files.isDirectory(root)) {
            throw new SourceException("policy directory " + root + " does not exist");
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> files = paths.filter(Files::isRegularFile)
                    .filter(p -> PolicySource.isPolicyFile(p.getFileName().toString()))
                    .filter(p -> !hidden(root.relativize(p)))
                    .sorted(Comparator.comparing(p -> root.relativize(p).toString()))
                    .toList();
            List<SourceFile> sources = new ArrayList<>();
            for (Path file : files) {
                sources.add(new SourceFile(root.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
            return new Snapshot(LOCAL_COMMIT, sources);
        } catch (IOException e) {
            throw new SourceException("cannot read policy directory " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
