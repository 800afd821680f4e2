package io.bayesfuse.app.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open pages' event streams (server-sent events). Events are collected and sent as one
 * {@code batch} event (a JSON array) every {@value #FLUSH_MILLIS} ms, so a busy stream costs a
 * page a few messages a second, not hundreds. A page that has gone away is dropped at the next
 * send.
 */
final class EventHub implements AutoCloseable {

    static final long FLUSH_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bayesfuse-dashboard-events");
        t.setDaemon(true);
        return t;
    });
    private List<ObjectNode> pending = new ArrayList<>();

    EventHub() {
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Registers a page's stream; it stays open until the page goes away or the hub closes. */
    void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("bayesfuse dashboard stream");
    }

    int clients() {
        return clients.size();
    }

    synchronized void publish(ObjectNode event) {
        pending.add(event);
    }

    private void flush() {
        List<ObjectNode> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        if (clients.isEmpty()) {
            return;
        }
        ArrayNode array = DashboardEvents.JSON.createArrayNode();
        array.addAll(batch);
        String data;
        try {
            data = DashboardEvents.JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            LOG.warn("cannot write dashboard events: {}", e.getMessage());
            return;
        }
        for (SseClient client : clients) {
            try {
                if (client.terminated()) {
                    clients.remove(client);
                } else {
                    client.sendEvent("batch", data);
                }
            } catch (RuntimeException e) {
                clients.remove(client);
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        for (SseClient client : clients) {
            try {
                client.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        clients.clear();
    }
}
