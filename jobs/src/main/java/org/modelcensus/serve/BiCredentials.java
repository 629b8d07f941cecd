package org.modelcensus.serve;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.modelcensus.errors.CensusInputException;

/**
 * The one user and password of the SQL endpoint (the BI user), from the environment: CENSUS_BI_USER and
 * CENSUS_BI_PASSWORD, or CENSUS_BI_CREDENTIALS naming a properties file ({@code user=...}, {@code password=...})
 * that only its owner may read or write. There is no default: without credentials the endpoint does not start.
 */
public record BiCredentials(String user, String password) {

    public static final String USER_VARIABLE = "CENSUS_BI_USER";
    public static final String PASSWORD_VARIABLE = "CENSUS_BI_PASSWORD";
    public static final String FILE_VARIABLE = "CENSUS_BI_CREDENTIALS";

    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** @throws CensusInputException with what to set when the credentials are missing or unsafe */
    public static BiCredentials load(Map<String, String> environment) {
        String file = environment.get(FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            return fromFile(Path.of(file));
        }
        String user = environment.get(USER_VARIABLE);
        String password = environment.get(PASSWORD_VARIABLE);
        if (isBlank(user) || isBlank(password)) {
            throw new CensusInputException("No credentials for the SQL endpoint: set " + USER_VARIABLE + " and " + PASSWORD_VARIABLE
                    + ", or " + FILE_VARIABLE + " to a file with the lines user=... and password=... that only you can read "
                    + "(chmod 600). There is no default password.");
        }
        return new BiCredentials(user.strip(), password);
    }

    static BiCredentials fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CensusInputException(FILE_VARIABLE + " names " + file + ", which is not a file.");
        }
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            Set<PosixFilePermission> shared = new java.util.HashSet<>(attributes.permissions());
            shared.retainAll(OTHERS);
            if (!shared.isEmpty()) {
                throw new CensusInputException("The credentials file " + file + " is open to others ("
                        + PosixFilePermissions.toString(attributes.permissions()) + "): run chmod 600 " + file + ".");
            }
            String owner = attributes.owner().getName();
            if (!owner.equals(System.getProperty("user.name"))) {
                throw new CensusInputException("The credentials file " + file + " belongs to " + owner + ", not to "
                        + System.getProperty("user.name") + ", who runs the endpoint.");
            }
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            String user = properties.getProperty("user");
            String password = properties.getProperty("password");
            if (isBlank(user) || isBlank(password)) {
                throw new CensusInputException("The credentials file " + file + " needs the lines user=... and password=....");
            }
            return new BiCredentials(user.strip(), password);
        } catch (UnsupportedOperationException e) {
            throw new CensusInputException("Cannot check who may read " + file + " (no POSIX permissions on this file system); "
                    + "use " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ".");
        } catch (IOException e) {
            throw new CensusInputException("Cannot read the credentials file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the given user and password are these, compared in constant time. */
    public boolean matches(String givenUser, String givenPassword) {
        boolean userMatches = MessageDigest.isEqual(bytes(user), bytes(givenUser));
        boolean passwordMatches = MessageDigest.isEqual(bytes(password), bytes(givenPassword));
        return userMatches & passwordMatches;
    }

    @Override
    public String toString() {
        return "BiCredentials[user=" + user + ", password=(hidden)]";
    }

    private static byte[] bytes(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
