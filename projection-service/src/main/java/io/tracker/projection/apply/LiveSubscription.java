package io.tracker.projection.apply;

import java.util.Collection;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** A live consumer's intake: subscribed with the service's group, partitions come and go with rebalances. */
public final class LiveSubscription implements Intake {
    private final Set<String> topics;

    public LiveSubscription(Set<String> topics) {
        this.topics = Set.copyOf(topics);
    }

    @Override
    public void join(KafkaConsumer<String, byte[]> consumer, Progress progress) {
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                progress.assigned(partitions, consumer::position);
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                progress.revoked(partitions);
            }
        });
    }

    @Override
    public boolean reachedEnd(KafkaConsumer<String, byte[]> consumer) {
        return false;
    }
}
