package org.modelcensus.serve;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

import org.modelcensus.catalog.CensusCatalog;
import org.modelcensus.spark.SparkSessions;

/**
 * Where a running SQL endpoint of a warehouse listens: {@code <warehouse>/_catalog/serve/endpoint.properties}, written
 * by the server once it accepts connections and removed when it stops. scripts/serve.sh status and scripts/sql.sh
 * read it.
 */
public record Endpoint(long pid, String host, int port) {

    public static Path folder(String warehouse) {
        return Path.of(warehouse).toAbsolutePath().resolve(SparkSessions.CATALOG_DIR).resolve("serve");
    }

    private static Path file(String warehouse) {
        return folder(warehouse).resolve("endpoint.properties");
    }

    public String jdbcUrl() {
        return "jdbc:hive2://" + host + ":" + port + "/" + CensusCatalog.DATABASE;
    }

    /** The endpoint of the warehouse when its process is alive and its port accepts connections. */
    public static Optional<Endpoint> running(String warehouse) {
        Path file = file(warehouse);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            Endpoint endpoint = new Endpoint(Long.parseLong(properties.getProperty("pid")), properties.getProperty("host"),
                    Integer.parseInt(properties.getProperty("port")));
            boolean alive = ProcessHandle.of(endpoint.pid()).map(ProcessHandle::isAlive).orElse(false);
            return alive && endpoint.accepts() ? Optional.of(endpoint) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the port accepts a TCP connection now. */
    public boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the file, owner-only like its folder: it tells where the endpoint listens, and its process id. */
    void write(String warehouse) throws IOException {
        OwnerOnlyFile.createFolder(folder(warehouse));
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("host", host);
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("url", jdbcUrl());
        Path staging = folder(warehouse).resolve("endpoint.properties.tmp");
        Files.deleteIfExists(staging);
        Files.createFile(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
            properties.store(out, "model-census SQL endpoint (scripts/serve.sh)");
        }
        Files.move(staging, file(warehouse), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void remove(String warehouse) {
        try {
            Files.deleteIfExists(file(warehouse));
        } catch (IOException e) {
            // the next reader finds the process gone and ignores the file
        }
    }
}
