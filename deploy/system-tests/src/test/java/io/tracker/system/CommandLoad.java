package io.tracker.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Commands sent by several client threads while a fault is injected. Each thread owns its streams (no two
 * threads write the same negotiation), and behaves like a careful client: every command carries an
 * {@code Idempotency-Key}; a retryable answer (503, 429, or no answer at all) is retried with the same key
 * until the command is accepted; anything else is recorded as rejected and the thread moves on. Every
 * answer is kept with the phase of the scenario it was sent in, its latency and its problem headers.
 */
final class CommandLoad implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One HTTP exchange. {@code status} 0: no HTTP answer (connection refused, reset, timeout). */
    record Answer(
            String phase,
            String label,
            String service,
            int status,
            long micros,
            String contentType,
            String retryAfter,
            String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** An event of an accepted command, as its answer names it. */
    record AcceptedEvent(String service, String streamId, long version, UUID eventId) {
        boolean negotiation() {
            return service.equals("negotiation-service");
        }
    }

    private final SystemUnderTest sut;
    private final String prefix;
    private final Duration pause;
    private final BiFunction<String, Integer, Commands.Command> script;
    private final int commandsPerStream;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final Map<UUID, AcceptedEvent> accepted = new ConcurrentHashMap<>();
    private final Set<String> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acceptedCommands = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final List<String> rejections = Collections.synchronizedList(new ArrayList<>());
    private volatile String phase = "before";
    private volatile boolean running;
    private volatile long drainDeadline = Long.MAX_VALUE;

    /**
     * {@code script(streamId, n)}: the n-th command on a stream of this load; a thread moves to a new stream
     * after {@code commandsPerStream} commands. Streams are named {@code <prefix>w<thread>-<k>}.
     */
    CommandLoad(
            SystemUnderTest sut,
            String prefix,
            Duration pause,
            int commandsPerStream,
            BiFunction<String, Integer, Commands.Command> script) {
        this.sut = sut;
        this.prefix = prefix;
        this.pause = pause;
        this.commandsPerStream = commandsPerStream;
        this.script = script;
    }

    /** Negotiations: opened, then leaders' meetings and talks. */
    static CommandLoad negotiations(SystemUnderTest sut, String prefix, Duration pause, int commandsPerStream) {
        return new CommandLoad(sut, prefix, pause, commandsPerStream, Commands::nth);
    }

    CommandLoad start(int threadCount) {
        running = true;
        for (int i = 0; i < threadCount; i++) {
            int worker = i;
            Thread t = new Thread(() -> work(worker), prefix + "load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    void phase(String name) {
        phase = name;
    }

    /** Counts a command sent outside the load's threads (a scenario's own requests). */
    void countSent(String streamId) {
        sent.incrementAndGet();
        streams.add(streamId);
    }

    void countAccepted() {
        acceptedCommands.incrementAndGet();
    }

    void keep(Answer a) {
        answers.add(a);
    }

    /** Stops sending new commands; a command in hand is still retried until accepted, for at most {@code drain}. */
    void stop(Duration drain) {
        drainDeadline = System.nanoTime() + drain.toNanos();
        running = false;
        for (Thread t : threads) {
            try {
                t.join(drain.toMillis() + 40_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void work(int worker) {
        int k = 0;
        while (running) {
            String stream = prefix + "w" + worker + "-" + k++;
            for (int n = 0; n < commandsPerStream && running; n++) {
                Commands.Command c = script.apply(stream, n);
                if (!send(c, UUID.randomUUID().toString())) {
                    break; // the stream cannot go on (e.g. its opening was refused): next stream
                }
                Timing.pause(pause);
            }
        }
    }

    /** Sends until accepted (true) or refused for good (false). */
    boolean send(Commands.Command c, String idempotencyKey) {
        sent.incrementAndGet();
        streams.add(c.streamId());
        while (true) {
            Answer a = exchange(c, idempotencyKey, null);
            answers.add(a);
            if (a.ok()) {
                recordAccepted(c.service(), a.body());
                acceptedCommands.incrementAndGet();
                return true;
            }
            boolean retryable = a.status() == 0 || a.status() == 503 || a.status() == 429;
            if (!retryable) {
                rejected.incrementAndGet();
                rejections.add(c.label() + " " + c.streamId() + " -> " + a.status() + " " + abbreviate(a.body()));
                return false;
            }
            if (!running && System.nanoTime() > drainDeadline) {
                unfinished.incrementAndGet();
                return false;
            }
            Timing.pause(Duration.ofMillis(200));
        }
    }

    Answer exchange(Commands.Command c, String idempotencyKey, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sut.url(c.service(), c.path())))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + sut.recorderToken)
                .POST(HttpRequest.BodyPublishers.ofString(c.body()));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        String phaseAtSend = phase;
        long t0 = System.nanoTime();
        HttpResponse<String> r = SystemUnderTest.send(b.build());
        long micros = (System.nanoTime() - t0) / 1000;
        return new Answer(
                phaseAtSend,
                c.label(),
                c.service(),
                r.statusCode(),
                micros,
                r.headers().firstValue("Content-Type").orElse(null),
                r.headers().firstValue("Retry-After").orElse(null),
                r.body());
    }

    /** Keeps the events an accepted command's answer names (a replayed answer names the same ones). */
    void recordAccepted(String service, String body) {
        try {
            JsonNode root = JSON.readTree(body);
            String id = root.path("id").asText();
            for (JsonNode e : root.path("events")) {
                UUID eventId = UUID.fromString(e.path("eventId").asText());
                accepted.put(
                        eventId,
                        new AcceptedEvent(service, id, e.path("version").asLong(), eventId));
            }
        } catch (Exception e) {
            throw new IllegalStateException("an accepted command's answer cannot be read: " + body, e);
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    int sent() {
        return sent.get();
    }

    int acceptedCommands() {
        return acceptedCommands.get();
    }

    int rejected() {
        return rejected.get();
    }

    int unfinished() {
        return unfinished.get();
    }

    List<String> rejections() {
        return List.copyOf(rejections);
    }

    int attempts() {
        return answers.size();
    }

    List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    Map<UUID, AcceptedEvent> accepted() {
        return Map.copyOf(accepted);
    }

    Set<String> streams() {
        return Set.copyOf(streams);
    }

    /** Accepted commands per phase in which they were answered (the last attempt's phase). */
    Map<String, Integer> acceptedByPhase() {
        Map<String, Integer> byPhase = new LinkedHashMap<>();
        for (Answer a : answers()) {
            if (a.ok()) {
                byPhase.merge(a.phase(), 1, Integer::sum);
            }
        }
        return byPhase;
    }

    @Override
    public void close() {
        if (running) {
            stop(Duration.ofSeconds(5));
        }
    }
}
