package org.modelcensus.catalog;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;

import scala.collection.JavaConverters;

/**
 * The settings a read-only session may differ in from the server's: a client changes settings with SET, and the SQL
 * endpoint's clients also in the connection (Hive JDBC's {@code ;?key=value} and {@code #key=value} parts, ODBC's
 * {@code set:hiveconf:} and {@code set:hivevar:} keys, which the Thrift server copies into the session). Before every
 * statement the session's settings are compared with those a new session of the server starts with: a key that
 * differs and is not one of {@link #HARMLESS} refuses the statement, named, whatever changed it. (The server's own
 * settings are its SparkConf and, for the hive.* keys Hive's server copies into sessions, its system properties.) Variable substitution
 * ({@code ${env:HOME}}, {@code ${system:user.home}}) must be off: the parser substitutes before any check could see
 * the statement, so a session where it is on runs nothing.
 */
final class ReadOnlySettings {

    /** The keys a session may set, each with the values it may take. */
    static final Map<String, Predicate<String>> HARMLESS = Map.of(
            // sent by Hive JDBC (and so DBeaver, Beeline) with every connection
            "hive.server2.thrift.resultset.default.fetch.size", ReadOnlySettings::positiveInteger,
            // set by Spark's Thrift server on every session
            "spark.sql.datetime.java8API.enabled", value -> value.equals("true") || value.equals("false"),
            "spark.sql.session.timeZone", value -> value.matches("[A-Za-z0-9_+\\-/:]{1,64}"),
            // a BI tool tuning its queries; bounded, as every partition is a task
            "spark.sql.shuffle.partitions", value -> positiveInteger(value) && Integer.parseInt(value.strip()) <= 64);

    private static final String SUBSTITUTION = "spark.sql.variable.substitute";

    private ReadOnlySettings() {
    }

    /**
     * The settings every new session of the server starts with: the SparkContext's, and those that Spark and Delta set
     * when a session's state is built (Delta turns on Parquet field ids, for example). Computed once per SparkContext.
     */
    static synchronized Map<String, String> serverSettings(SparkSession session) {
        if (server == null || server.context() != session.sparkContext()) {
            SparkSession fresh = session.newSession();
            fresh.sessionState().analyzer(); // building the analyzer runs the extensions' set-up
            server = new ServerSettings(session.sparkContext(),
                    Map.copyOf(JavaConverters.mapAsJavaMap(fresh.sessionState().conf().getAllConfs())));
        }
        return server.settings();
    }

    private record ServerSettings(SparkContext context, Map<String, String> settings) {
    }

    private static ServerSettings server;

    /** Why the session may run nothing now (the key that differs from the server's settings), or null. */
    static String refusal(SQLConf session, Map<String, String> server) {
        if (session.variableSubstituteEnabled()) {
            return "setting " + SUBSTITUTION + "=true (variable substitution: ${env:...}, ${system:...} would read the "
                    + "server's environment); it must stay false";
        }
        Map<String, String> settings = new TreeMap<>(JavaConverters.mapAsJavaMap(session.getAllConfs()));
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            // Hive's server copies the JVM's hive.* system properties (the server's own, see serve.CensusSqlServer) into
            // every session; clients cannot set system properties (serve.ClientSystemProperties)
            if (setting.getValue().equals(server.get(setting.getKey())) || setting.getValue().equals(System.getProperty(setting.getKey()))) {
                continue;
            }
            String refused = refusalOf(setting.getKey(), setting.getValue());
            if (refused != null) {
                return "setting " + setting.getKey() + ", changed in this session (by SET or the connection's settings): " + refused;
            }
        }
        return null;
    }

    /** Why a session may not set the key to the value, or null when it may. */
    static String refusalOf(String key, String value) {
        Predicate<String> allowed = HARMLESS.get(key);
        if (allowed == null) {
            return "a session may set only " + String.join(", ", new TreeMap<>(HARMLESS).keySet());
        }
        return allowed.test(value) ? null : "value " + shortened(value) + " is out of range";
    }

    private static boolean positiveInteger(String value) {
        return value.strip().matches("[1-9][0-9]{0,8}");
    }

    private static String shortened(String value) {
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 40 ? line.substring(0, 37) + "..." : line;
    }
}
