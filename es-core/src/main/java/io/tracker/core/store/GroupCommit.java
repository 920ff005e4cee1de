package io.tracker.core.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.micrometer.core.instrument.DistributionSummary;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Natural batching of appends: the appends that arrive while a group is being written wait, and go to
 * PostgreSQL together as the next group ({@link GroupAppend}: one statement, one commit) as soon as the
 * previous group returned. No timer: alone, an append goes out at once. A group takes at most
 * {@code maxCommands} appends and {@code maxEvents} events (an append with more goes alone), and each stream
 * and each idempotency key at most once (a second append to the same stream waits for the next group, so
 * that it sees the first one's claim).
 *
 * <p>Each append has its own outcome: appended, or (no row claimed) resolved by {@code notAppended} into the
 * conflict or the idempotent answer. If the group's statement fails in PostgreSQL (nothing of it was
 * written), its appends are run one by one with {@code single}, so only the append at fault fails. A failure
 * whose outcome is unknown (the connection broke) fails every append of the group, as it would fail one alone.
 */
final class GroupCommit {
    private final Pool pool;
    private final int maxCommands;
    private final int maxEvents;
    private final Function<AppendRequest, Uni<CommandResult>> single;
    private final Function<AppendRequest, Uni<CommandResult>> notAppended;
    private final DistributionSummary groupSizes;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private boolean flushing;

    GroupCommit(
            Pool pool,
            int maxCommands,
            int maxEvents,
            Function<AppendRequest, Uni<CommandResult>> single,
            Function<AppendRequest, Uni<CommandResult>> notAppended,
            DistributionSummary groupSizes) {
        if (maxCommands < 1 || maxEvents < 1) {
            throw new IllegalArgumentException("a group holds at least one command and one event");
        }
        this.pool = pool;
        this.maxCommands = maxCommands;
        this.maxEvents = maxEvents;
        this.single = single;
        this.notAppended = notAppended;
        this.groupSizes = groupSizes;
    }

    Uni<CommandResult> submit(AppendRequest request) {
        return Uni.createFrom().emitter(emitter -> enqueue(new Waiting(request, emitter)));
    }

    /** Appends waiting for the next group. */
    synchronized int waiting() {
        return queue.size();
    }

    private void enqueue(Waiting waiting) {
        List<Waiting> group;
        synchronized (this) {
            queue.add(waiting);
            if (flushing) {
                return;
            }
            flushing = true;
            group = take();
        }
        flush(group);
    }

    /** The next group, in arrival order, skipping what must wait for a later group. Under the lock. */
    private List<Waiting> take() {
        List<Waiting> group = new ArrayList<>();
        Set<String> streams = new HashSet<>();
        Set<String> keys = new HashSet<>();
        int events = 0;
        for (Iterator<Waiting> it = queue.iterator(); it.hasNext() && group.size() < maxCommands; ) {
            Waiting w = it.next();
            int n = w.request.events().size();
            if (!group.isEmpty() && events + n > maxEvents) {
                break;
            }
            String key = w.request.context().idempotencyKey();
            if (streams.contains(w.request.streamId()) || key != null && keys.contains(key)) {
                continue;
            }
            streams.add(w.request.streamId());
            if (key != null) {
                keys.add(key);
            }
            group.add(w);
            events += n;
            it.remove();
        }
        return group;
    }

    private void flush(List<Waiting> group) {
        groupSizes.record(group.size());
        Uni<Void> written;
        try {
            written = group.size() == 1 ? alone(group.get(0)) : together(group);
        } catch (RuntimeException e) {
            group.forEach(w -> w.emitter.fail(e));
            written = Uni.createFrom().voidItem();
        }
        written.subscribe().with(ignored -> next(), failure -> next());
    }

    private void next() {
        List<Waiting> group;
        synchronized (this) {
            if (queue.isEmpty()) {
                flushing = false;
                return;
            }
            group = take();
        }
        flush(group);
    }

    private Uni<Void> alone(Waiting w) {
        return single.apply(w.request)
                .onItemOrFailure()
                .invoke((result, failure) -> w.settle(result, failure))
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
    }

    private Uni<Void> together(List<Waiting> group) {
        List<AppendRequest> requests = group.stream().map(w -> w.request).toList();
        return pool.preparedQuery(GroupAppend.SQL)
                .execute(GroupAppend.parameters(requests))
                .onItem()
                .invoke(rows -> {
                    List<List<AppendedEvent>> appended = GroupAppend.appended(rows, group.size());
                    for (int k = 0; k < group.size(); k++) {
                        Waiting w = group.get(k);
                        List<AppendedEvent> events = appended.get(k);
                        if (events.isEmpty()) {
                            notAppended.apply(w.request).subscribe().with(w.emitter::complete, w.emitter::fail);
                        } else {
                            w.emitter.complete(new CommandResult(
                                    w.request.streamId(),
                                    events.get(events.size() - 1).version(),
                                    events,
                                    false));
                        }
                    }
                })
                .replaceWithVoid()
                .onFailure(PgException.class)
                .recoverWithUni(failure -> oneByOne(group))
                .onFailure()
                .invoke(failure -> group.forEach(w -> w.emitter.fail(failure)))
                .onFailure()
                .recoverWithNull();
    }

    /** The group's statement failed and wrote nothing: each append alone, all at once (distinct streams). */
    private Uni<Void> oneByOne(List<Waiting> group) {
        List<Uni<Void>> each = group.stream().map(this::alone).toList();
        return Uni.join().all(each).andCollectFailures().replaceWithVoid();
    }

    private record Waiting(AppendRequest request, UniEmitter<? super CommandResult> emitter) {
        void settle(CommandResult result, Throwable failure) {
            if (failure != null) {
                emitter.fail(failure);
            } else {
                emitter.complete(result);
            }
        }
    }
}
