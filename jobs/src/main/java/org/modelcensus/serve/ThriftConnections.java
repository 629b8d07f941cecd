package org.modelcensus.serve;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.apache.hive.service.server.HiveServer2;
import org.apache.thrift.server.TServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportFactory;

/**
 * The Thrift server's listening socket and the client address of a login, which Hive 2.3's server does not expose.
 * A login (SASL PLAIN, checked by {@link BiAuthenticator}) happens while the server opens a new connection's
 * transport, before Hive's own thread-local client address is set, and the authenticator is never handed the socket.
 * So the server's transport factory is wrapped: on the connection's thread it notes the client address for the time
 * of the handshake ({@link #clientAddress()}). Reached by reflection into fields of Hive's HiveServer2, its
 * ThriftBinaryCLIService and libthrift 0.12's TServer (Spark 3.5's versions); the wrapper is installed right after
 * the server starts, before it is announced as ready.
 */
final class ThriftConnections {

    private static final ThreadLocal<String> CLIENT = new ThreadLocal<>();

    private final TServer server;

    private ThriftConnections(TServer server) {
        this.server = server;
    }

    /** The Thrift server of a started HiveServer2. */
    static ThriftConnections of(HiveServer2 hiveServer) throws ReflectiveOperationException {
        Object service = field(HiveServer2.class, "thriftCLIService").get(hiveServer);
        Field server = field(service.getClass(), "server");
        return new ThriftConnections((TServer) server.get(service));
    }

    /** The address and port the server listens on, as its socket is bound. */
    InetSocketAddress boundAddress() throws ReflectiveOperationException {
        ServerSocket socket = ((TServerSocket) field(TServer.class, "serverTransport_").get(server)).getServerSocket();
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** From now on every login knows its client's address. */
    void noteClientAddresses() throws ReflectiveOperationException {
        Field factory = field(TServer.class, "inputTransportFactory_");
        factory.set(server, new Noting((TTransportFactory) factory.get(server)));
    }

    /** The address of the client whose login runs on this thread, or "unknown". */
    static String clientAddress() {
        String address = CLIENT.get();
        return address == null ? "unknown" : address;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // a superclass declares it
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** Notes the client's address while the wrapped factory opens the transport (where the login happens). */
    private static final class Noting extends TTransportFactory {
        private final TTransportFactory wrapped;

        Noting(TTransportFactory wrapped) {
            this.wrapped = wrapped;
        }

        @Override
        public TTransport getTransport(TTransport transport) {
            Socket socket = transport instanceof TSocket raw ? raw.getSocket() : null;
            CLIENT.set(socket == null || socket.getInetAddress() == null ? null : socket.getInetAddress().getHostAddress());
            try {
                return wrapped.getTransport(transport);
            } finally {
                CLIENT.remove();
            }
        }
    }
}
