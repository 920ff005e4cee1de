package io.tracker.core.application;

import java.util.List;

import io.tracker.core.domain.Decider;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import io.tracker.core.messaging.EventCodec;
import io.tracker.core.store.WrongExpectedVersionException;

/**
 * A command decided on a stream's state, before anything is appended: the client's version (If-Match), whether the
 * stream exists as the command needs, then the decider's own rules. No I/O: a refusal is thrown.
 */
final class Decisions<C, E, S> {
    private final Decider<C, E, S> decider;
    private final EventCodec<E> codec;

    Decisions(Decider<C, E, S> decider, EventCodec<E> codec) {
        this.decider = decider;
        this.codec = codec;
    }

    /** The events the command appends to a stream in state {@code loaded}; a refusal is thrown. */
    List<E> decide(String streamId, C command, Long expectedVersion, StateCache.Entry<S> loaded) {
        if (expectedVersion != null && expectedVersion != loaded.version()) {
            throw new WrongExpectedVersionException(streamId, expectedVersion, loaded.version());
        }
        boolean creates = decider.createsStream(command);
        boolean exists = loaded.version() > 0;
        if (!exists && !creates) {
            throw new DomainRejectedException(new DomainError(
                    DomainError.Kind.NOT_FOUND,
                    "not-found",
                    codec.streamType() + " '" + streamId + "' does not exist",
                    null));
        }
        if (exists && creates) {
            throw new DomainRejectedException(new DomainError(
                    DomainError.Kind.ALREADY_EXISTS,
                    "already-exists",
                    codec.streamType() + " '" + streamId + "' already exists",
                    null));
        }
        Decision<E> decision = decider.decide(command, loaded.state());
        if (decision instanceof Decision.Rejected<E> rejected) {
            throw new DomainRejectedException(rejected.error());
        }
        return ((Decision.Accepted<E>) decision).events();
    }
}
