package org.modelcensus.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.CensusTestKit.assertMentions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.errors.CensusInputException;

/** The endpoint's credentials: from the environment or an owner-only file, never a default. */
class BiCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void fromEnvironment() {
        BiCredentials credentials = BiCredentials.load(Map.of("CENSUS_BI_USER", "analyst", "CENSUS_BI_PASSWORD", "pw-1"));
        assertTrue(credentials.matches("analyst", "pw-1"));
        assertFalse(credentials.matches("analyst", "pw-2"));
        assertFalse(credentials.matches("other", "pw-1"));
        assertFalse(credentials.matches(null, null));
        assertFalse(credentials.toString().contains("pw-1"), "the password never shows in logs");
    }

    @Test
    void noDefault() {
        CensusInputException missing = assertThrows(CensusInputException.class, () -> BiCredentials.load(Map.of()));
        assertMentions(missing.getMessage(), "CENSUS_BI_USER", "CENSUS_BI_PASSWORD", "CENSUS_BI_CREDENTIALS", "no default password");
        assertThrows(CensusInputException.class, () -> BiCredentials.load(Map.of("CENSUS_BI_USER", "analyst", "CENSUS_BI_PASSWORD", " ")));
    }

    @Test
    void fromOwnerOnlyFile() throws Exception {
        Path file = Files.writeString(dir.resolve("bi.properties"), "user=analyst\npassword=from file\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        BiCredentials credentials = BiCredentials.load(Map.of("CENSUS_BI_CREDENTIALS", file.toString(), "CENSUS_BI_PASSWORD", "ignored"));
        assertEquals("analyst", credentials.user());
        assertTrue(credentials.matches("analyst", "from file"));
    }

    @Test
    void fileOpenToOthersIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("bi.properties"), "user=analyst\npassword=pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CensusInputException open = assertThrows(CensusInputException.class,
                () -> BiCredentials.load(Map.of("CENSUS_BI_CREDENTIALS", file.toString())));
        assertMentions(open.getMessage(), file.toString(), "rw-r--r--", "chmod 600");
    }

    @Test
    void fileWithoutPasswordIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("bi.properties"), "user=analyst\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThrows(CensusInputException.class, () -> BiCredentials.load(Map.of("CENSUS_BI_CREDENTIALS", file.toString())));
        assertThrows(CensusInputException.class,
                () -> BiCredentials.load(Map.of("CENSUS_BI_CREDENTIALS", dir.resolve("missing").toString())));
    }
}
