package io.leadhandoff.common;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The replica's listening sockets, learnt from the connections they accepted. Closing them at the start of the
 * drain makes a new connection refused (the client tries another replica at once) instead of accepted into an
 * event loop that is shutting down and then reset; connections already open keep being served until they finish.
 */
@ApplicationScoped
public class Listeners {

    private static final Logger LOG = Logger.getLogger(Listeners.class);

    private final Set<Channel> listening = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Notes the listening socket that accepted {@code connection}. */
    void accepted(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            Channel server = base.channel().parent();
            if (server != null && !listening.contains(server)) {
                listening.add(server);
                if (closed) {
                    server.close();
                }
            }
        }
    }

    /** Stops accepting connections; the ones open are not touched. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Channel server : listening) {
            LOG.infof("Draining: closing the listener on %s, open connections are served until they finish", server.localAddress());
            server.close();
        }
    }
}
