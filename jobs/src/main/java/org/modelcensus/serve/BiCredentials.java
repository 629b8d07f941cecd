package org.modelcensus.serve;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Properties;

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
        OwnerOnlyFile.check(file, "The credentials file (" + FILE_VARIABLE + ")");
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new CensusInputException("Cannot read the credentials file " + file + ": " + e.getMessage(), e);
        }
        String user = properties.getProperty("user");
        String password = properties.getProperty("password");
        if (isBlank(user) || isBlank(password)) {
            throw new CensusInputException("The credentials file " + file + " needs the lines user=... and password=....");
        }
        return new BiCredentials(user.strip(), password);
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
