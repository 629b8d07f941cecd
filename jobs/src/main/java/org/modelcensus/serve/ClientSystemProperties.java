package org.modelcensus.serve;

import java.util.Properties;

/**
 * Keeps clients from setting the server's Java system properties. When a session opens, Hive's HiveSessionImpl sets
 * every {@code set:system:KEY=VALUE} entry of the connection's settings with System.setProperty, for the whole JVM:
 * a BI login could so change, for every later login, which class checks passwords (new HiveConf objects read
 * hive.* system properties). Installed as the JVM's system properties, this refuses a write that comes from there, so
 * the session does not open; the error names the rule.
 */
final class ClientSystemProperties extends Properties {

    private static final String SESSION_CLASS = "org.apache.hive.service.cli.session.HiveSessionImpl";

    private ClientSystemProperties() {
    }

    /** Puts the guard in place of the JVM's system properties, with the same entries. */
    static void install() {
        if (System.getProperties() instanceof ClientSystemProperties) {
            return;
        }
        ClientSystemProperties guarded = new ClientSystemProperties();
        guarded.putAll(System.getProperties());
        System.setProperties(guarded);
    }

    @Override
    public synchronized Object put(Object key, Object value) {
        boolean fromClient = StackWalker.getInstance().walk(frames -> frames.anyMatch(
                frame -> frame.getClassName().equals(SESSION_CLASS) && frame.getMethodName().equals("setVariable")));
        if (fromClient) {
            throw new IllegalArgumentException("model-census: a client may not set the server's system properties (set:system:"
                    + String.valueOf(key).replaceAll("\\p{Cntrl}", "?") + "); remove it from the connection's settings");
        }
        return super.put(key, value);
    }
}
