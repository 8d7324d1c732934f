package io.querygov.cli.report;

import io.querygov.cli.ExitCode;
import io.querygov.cli.internal.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where {@code --report} and {@code --save} write: checked before a run, so that a run of minutes does not end in "cannot write", and
 * written whole or not at all (a temporary file beside it, then renamed over it).
 */
public final class ReportFile {
    private ReportFile() {
    }

    /**
     * @throws CliException with {@link ExitCode#USAGE} naming the option and the file when it cannot be written
     */
    public static void check(String option, Path file) {
        Path parent = folder(file);
        if (!Files.isDirectory(parent)) {
            throw new CliException(ExitCode.USAGE, option + " " + file + ": the folder " + parent + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new CliException(ExitCode.USAGE, option + " " + file + " is a folder: name a file in it");
        }
        if (!Files.isWritable(parent) || Files.exists(file) && !Files.isWritable(file)) {
            throw new CliException(ExitCode.USAGE, option + " " + file + ": not writable");
        }
    }

    /**
     * Writes the page, replacing the file at once.
     *
     * @throws CliException with {@link ExitCode#USAGE} naming the option and the file when it cannot be written;
     *         an earlier file of that name is then left as it was
     */
    public static void write(String option, Path file, String html) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder(file), "." + file.getFileName() + ".", ".tmp");
            Files.writeString(temporary, html, StandardCharsets.UTF_8);
            keepPermissions(temporary, file);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                if (temporary != null) {
                    Files.deleteIfExists(temporary);
                }
            } catch (IOException ignored) {
                // the write already failed; that is what is reported
            }
            throw new CliException(ExitCode.USAGE, option + " " + file + ": cannot write it: " + e, e);
        }
    }

    /**
     * A temporary file is created readable by its owner alone; the file it replaces keeps the permissions it had, and
     * a new one gets a plain file's (rw-r--r--), as writing it in place would have given it.
     */
    private static void keepPermissions(Path temporary, Path file) throws IOException {
        if (!Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(file) ? Files.getPosixFilePermissions(file)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temporary, permissions);
    }

    private static Path folder(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}
