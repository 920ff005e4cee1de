package io.tracker.projection.schema;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/** Test only: counts the runs of Flyway's migrate (its BEFORE_MIGRATE callback). */
@Singleton
public class MigrateCounter implements FlywayConfigurationCustomizer {

    static final AtomicInteger MIGRATES = new AtomicInteger();

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                MIGRATES.incrementAndGet();
            }

            @Override
            public String getCallbackName() {
                return "migrate-counter";
            }
        });
    }
}
