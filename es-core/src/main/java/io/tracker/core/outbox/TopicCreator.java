package io.tracker.core.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/** Creates the outbox topic when it is missing and allowed to; on a managed cluster it already exists. */
final class TopicCreator {
    private static final Logger LOG = Logger.getLogger(TopicCreator.class);

    private TopicCreator() {}

    /**
     * Waits (at most 15 s) until every partition of a topic just created has a leader: the first records sent
     * while leadership was still settling were seen written out of order and twice (a produce retried across
     * the change), although the producer is idempotent and reported them all acknowledged once.
     */
    private static void awaitLeaders(AdminClient admin, OutboxConfig config) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            var description = admin.describeTopics(List.of(config.topic()))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(config.topic());
            if (description != null
                    && description.partitions().size() == config.partitions()
                    && description.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return;
            }
            Thread.sleep(100);
        }
    }

    static void ensure(Map<String, Object> kafkaConfig, OutboxConfig config) {
        if (!config.createTopic()) {
            return;
        }
        Map<String, Object> adminConfig = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (!k.contains("serializer")) {
                adminConfig.put(k, v);
            }
        });
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (AdminClient admin = AdminClient.create(adminConfig)) {
            admin.createTopics(List.of(new NewTopic(config.topic(), config.partitions(), config.replicationFactor())
                            .configs(Map.of("retention.ms", "-1", "min.insync.replicas", "1"))))
                    .all()
                    .get(15, TimeUnit.SECONDS);
            LOG.infof("created topic %s (%d partitions)", config.topic(), config.partitions());
            awaitLeaders(admin, config);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf(
                        "topic %s not created (%s); the relay publishes once it exists",
                        config.topic(), e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("topic %s not created (%s); the relay publishes once it exists", config.topic(), e.toString());
        }
    }
}
