package io.tracker.projection.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.tracker.projection.domain.AgreementState;
import io.tracker.projection.domain.AgreementState.Pending;
import io.tracker.projection.domain.AgreementStateHead;
import io.tracker.projection.domain.AgreementStateHead.Group;
import io.tracker.projection.domain.AgreementStateHead.Opening;
import io.tracker.projection.domain.AgreementStateHead.Reached;
import io.tracker.projection.domain.AgreementStateHead.StatusMark;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.FactStatus;
import io.tracker.projection.domain.MilestoneKind;

/**
 * The stored form of an {@link AgreementState}'s head ({@code agreement_summary.state}), encoding {@link #ENCODING}:
 * a compact binary form of fixed shape (types, kinds and statuses by their stable names, dates as text, precision
 * and epoch days, times in epoch microseconds), beginning with the count of events folded (a 4-byte integer). Its
 * size does not depend on the stream's length: counts, the opening, the latest stall or resumption, one group per
 * milestone kind, the best talks and trade mission, and the amendments waiting for their target. A state stored
 * with another encoding (1: every fact's entry inside, before V7) is not read: the agreement is folded again from its
 * facts. Change the format only together with {@link #ENCODING}.
 */
final class AgreementStateCodec {
    static final short ENCODING = 2;

    private AgreementStateCodec() {}

    static byte[] encode(AgreementState state) {
        AgreementStateHead h = state.head();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(h.events());
            out.writeLong(h.lastVersion());
            out.writeLong(
                    h.lastRecordedAt() == null
                            ? Long.MIN_VALUE
                            : ChronoUnit.MICROS.between(Instant.EPOCH, h.lastRecordedAt()));
            out.writeByte(h.occurred().size());
            for (Map.Entry<EventType, Integer> e : h.occurred().entrySet()) {
                out.writeUTF(e.getKey().typeName());
                out.writeInt(e.getValue());
            }
            out.writeInt(h.terminated());
            out.writeBoolean(h.opening() != null);
            if (h.opening() != null) {
                out.writeLong(h.opening().version());
                text(out, h.opening().title());
                out.writeShort(h.opening().parties().size());
                for (String party : h.opening().parties()) {
                    out.writeUTF(party);
                }
            }
            out.writeBoolean(h.mark() != null);
            if (h.mark() != null) {
                out.writeLong(h.mark().version());
                out.writeUTF(h.mark().type().typeName());
                date(out, h.mark().date());
            }
            out.writeByte(h.groups().size());
            for (Map.Entry<MilestoneKind, Group> g : h.groups().entrySet()) {
                out.writeUTF(g.getKey().name());
                out.writeInt(g.getValue().inForce());
                reached(out, g.getValue().reached());
            }
            out.writeInt(h.pendingTalks());
            reached(out, h.bestTalk());
            out.writeInt(h.pendingMissions());
            reached(out, h.bestMission());
            out.writeInt(h.pending().size());
            for (Pending p : h.pending()) {
                out.writeLong(p.version());
                out.writeLong(p.target());
                out.writeBoolean(p.retraction());
                if (!p.retraction()) {
                    date(out, p.date());
                    out.writeUTF(p.status().name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The count of events folded, read from a stored head's first four bytes ({@code agreement_summary.state} of
     * encoding {@link #ENCODING}), without decoding the rest; -1 when there are fewer.
     */
    static int events(byte[] headStart) {
        if (headStart == null || headStart.length < 4) {
            return -1;
        }
        return (headStart[0] & 0xff) << 24
                | (headStart[1] & 0xff) << 16
                | (headStart[2] & 0xff) << 8
                | headStart[3] & 0xff;
    }

    /** The state, or an {@link IllegalArgumentException} when the bytes are not one. */
    static AgreementState decode(String agreementId, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int events = in.readInt();
            long lastVersion = in.readLong();
            long micros = in.readLong();
            Instant lastRecordedAt = micros == Long.MIN_VALUE ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            Map<EventType, Integer> occurred = new EnumMap<>(EventType.class);
            for (int i = in.readUnsignedByte(); i > 0; i--) {
                occurred.put(type(in.readUTF()), in.readInt());
            }
            int terminated = in.readInt();
            Opening opening = null;
            if (in.readBoolean()) {
                long version = in.readLong();
                String title = text(in);
                int n = in.readShort();
                List<String> parties = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    parties.add(in.readUTF());
                }
                opening = new Opening(version, title, parties);
            }
            StatusMark mark = in.readBoolean() ? new StatusMark(in.readLong(), type(in.readUTF()), date(in)) : null;
            Map<MilestoneKind, Group> groups = new EnumMap<>(MilestoneKind.class);
            for (int i = in.readUnsignedByte(); i > 0; i--) {
                groups.put(MilestoneKind.valueOf(in.readUTF()), new Group(in.readInt(), reached(in)));
            }
            int pendingTalks = in.readInt();
            Reached bestTalk = reached(in);
            int pendingMissions = in.readInt();
            Reached bestMission = reached(in);
            int m = in.readInt();
            List<Pending> pending = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                long version = in.readLong();
                long target = in.readLong();
                boolean retraction = in.readBoolean();
                pending.add(
                        retraction
                                ? new Pending(version, target, true, null, null)
                                : new Pending(version, target, false, date(in), FactStatus.valueOf(in.readUTF())));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes in a stored agreement state");
            }
            return AgreementState.restore(
                    agreementId,
                    new AgreementStateHead(
                            events,
                            lastVersion,
                            lastRecordedAt,
                            occurred,
                            terminated,
                            opening,
                            mark,
                            groups,
                            pendingTalks,
                            bestTalk,
                            pendingMissions,
                            bestMission,
                            pending));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a stored agreement state: " + e, e);
        }
    }

    private static EventType type(String typeName) {
        return EventType.ofTypeName(typeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + typeName));
    }

    private static void reached(DataOutputStream out, Reached r) throws IOException {
        out.writeBoolean(r != null);
        if (r != null) {
            out.writeUTF(r.kind().name());
            text(out, r.key());
            date(out, r.date());
            out.writeLong(r.version());
            text(out, r.title());
        }
    }

    private static Reached reached(DataInputStream in) throws IOException {
        return in.readBoolean()
                ? new Reached(MilestoneKind.valueOf(in.readUTF()), text(in), date(in), in.readLong(), text(in))
                : null;
    }

    static void date(DataOutputStream out, BusinessDate d) throws IOException {
        out.writeUTF(d.text());
        out.writeUTF(d.precision());
        out.writeLong(d.earliest().toEpochDay());
        out.writeLong(d.latest().toEpochDay());
    }

    static BusinessDate date(DataInputStream in) throws IOException {
        return new BusinessDate(
                in.readUTF(), in.readUTF(), LocalDate.ofEpochDay(in.readLong()), LocalDate.ofEpochDay(in.readLong()));
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
