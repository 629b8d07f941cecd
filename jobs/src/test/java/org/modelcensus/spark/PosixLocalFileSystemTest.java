package org.modelcensus.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The census's local file system answers a file's status as Hadoop's own does (which runs stat or ls for it). */
class PosixLocalFileSystemTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void statusesAreHadoopsOwn() throws IOException {
        java.nio.file.Path file = Files.writeString(dir.resolve("part-0.json"), "{\"add\": {}}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        java.nio.file.Path folder = Files.createDirectory(dir.resolve("_delta_log"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-x--x"));
        RawLocalFileSystem hadoop = new RawLocalFileSystem();
        RawLocalFileSystem census = new PosixLocalFileSystem.Raw();
        hadoop.initialize(URI.create("file:///"), new Configuration());
        census.initialize(URI.create("file:///"), new Configuration());

        for (int pass = 1; pass <= 2; pass++) { // the second with the owner and group names already known
            for (java.nio.file.Path path : List.of(file, folder)) {
                Path hadoopPath = new Path("file:" + path);
                assertSameStatus(hadoop.getFileStatus(hadoopPath), census.getFileStatus(hadoopPath));
                assertSameStatus(hadoop.getFileLinkStatus(hadoopPath), census.getFileLinkStatus(hadoopPath));
            }
            FileStatus[] expected = hadoop.listStatus(new Path("file:" + dir));
            FileStatus[] listed = census.listStatus(new Path("file:" + dir));
            Arrays.sort(expected, Comparator.comparing(FileStatus::getPath));
            Arrays.sort(listed, Comparator.comparing(FileStatus::getPath));
            assertEquals(2, listed.length);
            for (int i = 0; i < listed.length; i++) {
                assertSameStatus(expected[i], listed[i]);
            }
        }
        FileStatus[] ofAFile = census.listStatus(new Path("file:" + file));
        assertEquals(1, ofAFile.length, "a file lists itself");
        assertSameStatus(hadoop.getFileStatus(new Path("file:" + file)), ofAFile[0]);
        assertThrows(FileNotFoundException.class, () -> census.listStatus(new Path("file:" + dir.resolve("missing"))));
        assertThrows(FileNotFoundException.class, () -> census.getFileStatus(new Path("file:" + file + "/x")), "a path through a file");
        assertThrows(FileNotFoundException.class, () -> census.getFileStatus(new Path("file:" + dir.resolve("missing"))));
    }

    private static void assertSameStatus(FileStatus expected, FileStatus actual) {
        String path = actual.getPath().toString();
        assertEquals(expected.getPath(), actual.getPath());
        assertEquals(expected.isDirectory(), actual.isDirectory(), path);
        if (!expected.isDirectory()) {
            assertEquals(expected.getLen(), actual.getLen(), path);
        }
        assertEquals(expected.getPermission(), actual.getPermission(), path);
        assertEquals(expected.getOwner(), actual.getOwner(), path);
        assertEquals(expected.getGroup(), actual.getGroup(), path);
        assertTrue(Math.abs(expected.getModificationTime() - actual.getModificationTime()) < 1000,
                path + ": modified " + expected.getModificationTime() + " against " + actual.getModificationTime());
    }
}
