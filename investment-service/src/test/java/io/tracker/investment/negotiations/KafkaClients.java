package io.tracker.investment.negotiations;

import java.util.Properties;

import io.tracker.local.test.TestKafka;

/** The settings of the tests' own Kafka clients (producing what negotiation-service would, reading dead letters). */
final class KafkaClients {
    private KafkaClients() {}

    static Properties config(String bootstrap) {
        Properties p = new Properties();
        p.putAll(TestKafka.clientConfig());
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        return p;
    }
}
