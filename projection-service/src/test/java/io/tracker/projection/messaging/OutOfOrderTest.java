package io.tracker.projection.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;

/** The two topics arrive in no global order: an investment naming a negotiation not seen yet keeps its link. */
@QuarkusTest
class OutOfOrderTest {

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anInvestmentBeforeItsNegotiation() {
        String id = "early-" + UUID.randomUUID().toString().substring(0, 8);
        String investment = "inv-" + id;
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(
                    Sample.of("InvestmentAnnounced").inStream(investment).replacing(Stories.SAMPLE_NEGOTIATION, id));
            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}/investments", id)
                    .then()
                    .statusCode(200)
                    .body("investments.investmentId", contains(investment)));
            given().get("/agreements/{id}", id).then().statusCode(404);

            broker.publish(Sample.of("NegotiationOpened").inStream(id));
            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                    .then()
                    .statusCode(200)
                    .body("stage", equalTo("OPENED")));
            given().get("/agreements/{id}/investments", id)
                    .then()
                    .statusCode(200)
                    .body("investments", hasSize(1))
                    .body("total.undisclosed", equalTo(1));
        }
    }
}
