package io.tracker.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The topics and ACLs of the local broker, in the shape of deploy/k8s/base/kafka (users.yaml, topics.yaml):
 * each service writes only its own topic (with the idempotent producer's cluster right), reads only what it
 * consumes with its own consumer group, and each consumer writes its own dead letters. No service may create,
 * delete or alter a topic: the topics are made here, by the admin, as the KafkaTopic resources make them.
 */
public final class KafkaAccess {
    public static final String NEGOTIATION_EVENTS = "tracker.negotiation.events";
    public static final String INVESTMENT_EVENTS = "tracker.investment.events";
    public static final String PROJECTION_DLQ = "tracker.projection.dlq";
    public static final String INVESTMENT_DLQ = "tracker.investment.dlq";

    private KafkaAccess() {}

    /** The topics with the partitions the services use locally (tracker.outbox.partitions=3; one for each DLQ). */
    static List<NewTopic> topics() {
        Map<String, String> config = Map.of("retention.ms", "-1", "min.insync.replicas", "1");
        return List.of(
                new NewTopic(NEGOTIATION_EVENTS, 3, (short) 1).configs(config),
                new NewTopic(INVESTMENT_EVENTS, 3, (short) 1).configs(config),
                new NewTopic(PROJECTION_DLQ, 1, (short) 1).configs(config),
                new NewTopic(INVESTMENT_DLQ, 1, (short) 1).configs(config));
    }

    /** users.yaml as ACL bindings. */
    public static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        // negotiation-service: outbox relay, an idempotent producer
        produce(acls, KafkaUsers.NEGOTIATION, NEGOTIATION_EVENTS);
        // investment-service: outbox relay; consumes the negotiation events (group investment-service)
        produce(acls, KafkaUsers.INVESTMENT, INVESTMENT_EVENTS);
        consume(acls, KafkaUsers.INVESTMENT, NEGOTIATION_EVENTS);
        group(acls, KafkaUsers.INVESTMENT, "investment-service", PatternType.LITERAL);
        // ... and writes the dead letters of that consumer
        produce(acls, KafkaUsers.INVESTMENT, INVESTMENT_DLQ);
        // projection-service: both event topics (group projection-service; rebuilds projection-service-rebuild-*),
        // writes its dead letters
        consume(acls, KafkaUsers.PROJECTION, NEGOTIATION_EVENTS);
        consume(acls, KafkaUsers.PROJECTION, INVESTMENT_EVENTS);
        group(acls, KafkaUsers.PROJECTION, "projection-service", PatternType.LITERAL);
        group(acls, KafkaUsers.PROJECTION, "projection-service-rebuild-", PatternType.PREFIXED);
        produce(acls, KafkaUsers.PROJECTION, PROJECTION_DLQ);
        return acls;
    }

    /** Creates the topics (where missing) and the ACLs (idempotent), as the admin. */
    static void apply(Admin admin) {
        try {
            try {
                admin.createTopics(topics()).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            admin.createAcls(acls()).all().get(30, TimeUnit.SECONDS);
            awaitAuthorizer(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topics and ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create the topics and ACLs of the local broker: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the broker's authorizer answers with every ACL: the controller acknowledges a creation when it has
     * committed the records, and the broker applies them a moment later from its metadata log, so a client that
     * connects right after {@code createAcls} may still be refused (DescribeAcls is answered from the broker's
     * authorizer, so it sees what a produce would see).
     */
    private static void awaitAuthorizer(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        Set<AclBinding> wanted = new HashSet<>(acls());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!admin.describeAcls(AclBindingFilter.ANY)
                .values()
                .get(30, TimeUnit.SECONDS)
                .containsAll(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the broker's authorizer did not show the created ACLs within 30 s");
            }
            Thread.sleep(20);
        }
    }

    private static void produce(List<AclBinding> acls, String user, String topic) {
        allow(
                acls,
                user,
                new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
        allow(
                acls,
                user,
                new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                AclOperation.IDEMPOTENT_WRITE);
    }

    private static void consume(List<AclBinding> acls, String user, String topic) {
        allow(
                acls,
                user,
                new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                AclOperation.READ,
                AclOperation.DESCRIBE);
    }

    private static void group(List<AclBinding> acls, String user, String group, PatternType pattern) {
        allow(acls, user, new ResourcePattern(ResourceType.GROUP, group, pattern), AclOperation.READ);
    }

    private static void allow(
            List<AclBinding> acls, String user, ResourcePattern resource, AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(
                    resource, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
