package io.storefront.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Optional;

/**
 * The archive of loaded classes (CDS) that {@code spring-boot:run} gives the JVM
 * ({@code -XX:SharedArchiveFile=… -XX:+AutoCreateSharedArchive}): made at the exit of a start that found none,
 * it roughly halves the CPU each later start takes. The JVM makes it again when it is missing, not when a jar
 * changed since: it then runs without it, on every start. So a start that finds the archive older than a jar of
 * its class path deletes it, and the next start makes a new one.
 */
final class ClassArchive {

    private static final Logger log = LoggerFactory.getLogger(ClassArchive.class);
    private static final String OPTION = "-XX:SharedArchiveFile=";

    private ClassArchive() {
    }

    /** Deletes this JVM's archive if a jar of the class path is newer than it. */
    static void forgetIfStale() {
        archive().filter(ClassArchive::olderThanAJar).ifPresent(archive -> {
            try {
                Files.deleteIfExists(archive);
                log.info("The archive of classes {} was older than the jars: the next start makes a new one, at its stop",
                        archive);
            } catch (IOException e) {
                log.warn("The stale archive of classes {} could not be deleted: {}", archive, e.toString());
            }
        });
    }

    private static Optional<Path> archive() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith(OPTION))
                .map(argument -> Path.of(argument.substring(OPTION.length())))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    private static boolean olderThanAJar(Path archive) {
        FileTime made = modified(archive);
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(Files::isRegularFile)
                .anyMatch(jar -> modified(jar).compareTo(made) > 0);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }
}
