package org.modelcensus.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.modelcensus.errors.CensusInputException;

/** A secret's file (the BI credentials, the TLS keystore's password): a regular file of this user that only they can read. */
final class OwnerOnlyFile {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFile() {
    }

    /**
     * @param what what the file is, as the error names it ("The credentials file")
     * @throws CensusInputException naming the file and what to do when it is missing, open to others or someone else's
     */
    static void check(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new CensusInputException(what + " " + file + " is not a file.");
        }
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
            shared.addAll(attributes.permissions());
            shared.retainAll(OTHERS);
            if (!shared.isEmpty()) {
                throw new CensusInputException(what + " " + file + " is open to others ("
                        + PosixFilePermissions.toString(attributes.permissions()) + "): run chmod 600 " + file + ".");
            }
            String owner = attributes.owner().getName();
            if (!owner.equals(System.getProperty("user.name"))) {
                throw new CensusInputException(what + " " + file + " belongs to " + owner + ", not to "
                        + System.getProperty("user.name") + ", who runs the endpoint.");
            }
        } catch (UnsupportedOperationException e) {
            throw new CensusInputException("Cannot check who may read " + file + " (no POSIX permissions on this file system).");
        } catch (IOException e) {
            throw new CensusInputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates the folder (and its parents) as owner-only (rwx------), and makes it so when it exists. */
    static void createFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }

    /** Makes the file owner-only (rw-------). */
    static void restrict(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
