package io.tracker.investment.api.request;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import io.tracker.core.api.checks.CheckedBy;
import io.tracker.core.api.checks.RequestCheck;
import io.tracker.core.api.checks.Violations;
import io.tracker.core.domain.StreamId;

/** A list of stream ids ({@link StreamId}), each violation reported at its index ({@code negotiationIds[1]}). */
@Documented
@CheckedBy(Slugs.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface Slugs {

    class Check implements RequestCheck<List<String>> {
        @Override
        public void check(List<String> ids, Violations at) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (!StreamId.isValid(id)) {
                    at.atIndex(i).add(id == null ? "must not be null" : Requests.ID_MESSAGE);
                }
            }
        }
    }
}
