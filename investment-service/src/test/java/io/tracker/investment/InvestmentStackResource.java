package io.tracker.investment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.tracker.local.test.LocalStackTestResource;

/**
 * The real broker and database of {@link LocalStackTestResource}, plus the topic this service subscribes to,
 * created before the service starts, as it is in a deployment: {@code tracker.negotiation.events} belongs to
 * negotiation-service (3 partitions, as its outbox creates it), and this service never creates it.
 */
public class InvestmentStackResource extends LocalStackTestResource {
    static final String NEGOTIATION_TOPIC = "tracker.negotiation.events";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.get("kafka.bootstrap.servers")))) {
            admin.createTopics(List.of(new NewTopic(NEGOTIATION_TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + NEGOTIATION_TOPIC, e);
        }
        return config;
    }
}
