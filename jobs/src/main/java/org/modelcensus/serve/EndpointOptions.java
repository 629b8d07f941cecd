package org.modelcensus.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import org.modelcensus.errors.CensusInputException;

/**
 * How the SQL endpoint listens and what it bounds (the serve command's options), checked before anything starts.
 *
 * @param host address to listen on: a loopback address, or any other only with TLS
 * @param tlsKeystore the server's key and certificate (PKCS12 or JKS); null: no TLS
 * @param tlsPasswordFile an owner-only file whose first line is the keystore's password
 * @param queryTimeoutSeconds a statement still running after this is cancelled, its Spark jobs with it
 * @param maxResultRows a query that would return more rows fails
 * @param maxResultMegabytes a result whose serialized rows are larger fails (spark.driver.maxResultSize)
 * @param maxConcurrentQueries statements that run at once; more wait in a queue of four times as many, then are refused
 */
public record EndpointOptions(String host, int port, int refreshSeconds, Path tlsKeystore, Path tlsPasswordFile,
                              int queryTimeoutSeconds, int maxResultRows, int maxResultMegabytes, int maxConcurrentQueries) {

    /** Hive's server reads these variables before its settings: they would move the endpoint to another address or transport. */
    static final String HIVE_VARIABLES = "HIVE_SERVER2_";

    /** @throws CensusInputException (exit code 2) naming the option or variable and what to do */
    public void check(Map<String, String> environment) {
        TreeSet<String> hiveVariables = new TreeSet<>();
        environment.keySet().stream().filter(name -> name.startsWith(HIVE_VARIABLES)).forEach(hiveVariables::add);
        if (!hiveVariables.isEmpty()) {
            throw new CensusInputException(String.join(", ", hiveVariables) + " set in the environment: Hive's server would "
                    + "take its address, port or transport from it instead of --host and --port. Unset it.");
        }
        if (host == null || host.isBlank()) {
            throw new CensusInputException("--host is empty, which would make the endpoint listen on every interface: give a "
                    + "loopback address (the default, 127.0.0.1), or an address with --tls-keystore and --tls-password-file.");
        }
        if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
            throw new CensusInputException("TLS needs both --tls-keystore FILE and --tls-password-file FILE.");
        }
        if (!loopback() && !tls()) {
            throw new CensusInputException("--host " + host + " is not a loopback address: the endpoint listens beyond this machine "
                    + "only with TLS (--tls-keystore FILE --tls-password-file FILE); or tunnel the port (ssh -L).");
        }
        if (tls()) {
            if (!Files.isRegularFile(tlsKeystore) || !Files.isReadable(tlsKeystore)) {
                throw new CensusInputException("--tls-keystore " + tlsKeystore + " is not a readable file.");
            }
            OwnerOnlyFile.check(tlsPasswordFile, "The keystore's password file (--tls-password-file)");
        }
        positive("--port", port);
        positive("--refresh-seconds", refreshSeconds);
        positive("--query-timeout", queryTimeoutSeconds);
        positive("--max-result-rows", maxResultRows);
        positive("--max-result-mb", maxResultMegabytes);
        positive("--max-concurrent-queries", maxConcurrentQueries);
    }

    public boolean tls() {
        return tlsKeystore != null;
    }

    /** Whether the host is a loopback address (127.0.0.0/8, ::1, localhost). */
    boolean loopback() {
        try {
            for (InetAddress address : InetAddress.getAllByName(host.strip())) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new CensusInputException("--host " + host + " is not an address of this machine: " + e.getMessage());
        }
    }

    /** The keystore's password: the first line of the password file. */
    String tlsPassword() {
        try {
            return Files.readAllLines(tlsPasswordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new CensusInputException("Cannot read --tls-password-file " + tlsPasswordFile + ": " + e.getMessage(), e);
        }
    }

    private static void positive(String option, int value) {
        if (value <= 0) {
            throw new CensusInputException(option + " must be a positive number, not " + value + ".");
        }
    }
}
