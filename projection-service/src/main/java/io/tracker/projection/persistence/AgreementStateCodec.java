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
import java.util.List;

import io.tracker.projection.domain.AgreementState;
import io.tracker.projection.domain.AgreementState.Fact;
import io.tracker.projection.domain.AgreementState.Pending;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.FactStatus;

/**
 * The stored form of an {@link AgreementState} ({@code agreement_summary.state}), encoding {@link #ENCODING}: a
 * compact binary form (types and statuses by their stable names, dates as text, precision and epoch days, times in
 * epoch microseconds). A state stored with another encoding is not read: the agreement is folded again from its
 * facts. Change the format only together with {@link #ENCODING}.
 */
final class AgreementStateCodec {
    static final short ENCODING = 1;

    private AgreementStateCodec() {
    }

    static byte[] encode(AgreementState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.events());
            out.writeLong(state.lastVersion());
            out.writeLong(state.lastRecordedAt() == null ? Long.MIN_VALUE
                    : ChronoUnit.MICROS.between(Instant.EPOCH, state.lastRecordedAt()));
            List<Fact> facts = state.facts();
            out.writeInt(facts.size());
            for (Fact f : facts) {
                out.writeLong(f.version());
                out.writeUTF(f.type().typeName());
                date(out, f.date());
                out.writeUTF(f.status().name());
                text(out, f.title());
                text(out, f.missionId());
                out.writeShort(f.parties().size());
                for (String party : f.parties()) {
                    out.writeUTF(party);
                }
                out.writeLong(f.correctedBy());
                out.writeBoolean(f.retracted());
            }
            List<Pending> pending = state.pending();
            out.writeInt(pending.size());
            for (Pending p : pending) {
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

    /** The state, or an {@link IllegalArgumentException} when the bytes are not one. */
    static AgreementState decode(String agreementId, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int events = in.readInt();
            long lastVersion = in.readLong();
            long micros = in.readLong();
            Instant lastRecordedAt = micros == Long.MIN_VALUE ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            int n = in.readInt();
            List<Fact> facts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long version = in.readLong();
                String typeName = in.readUTF();
                EventType type = EventType.ofTypeName(typeName)
                        .orElseThrow(() -> new IllegalArgumentException("unknown event type " + typeName));
                BusinessDate date = date(in);
                FactStatus status = FactStatus.valueOf(in.readUTF());
                String title = text(in);
                String missionId = text(in);
                int p = in.readShort();
                List<String> parties = new ArrayList<>(p);
                for (int j = 0; j < p; j++) {
                    parties.add(in.readUTF());
                }
                facts.add(new Fact(version, type, date, status, title, missionId, parties, in.readLong(),
                        in.readBoolean()));
            }
            int m = in.readInt();
            List<Pending> pending = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                long version = in.readLong();
                long target = in.readLong();
                boolean retraction = in.readBoolean();
                pending.add(retraction ? new Pending(version, target, true, null, null)
                        : new Pending(version, target, false, date(in), FactStatus.valueOf(in.readUTF())));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes in a stored agreement state");
            }
            return AgreementState.restore(agreementId, facts, pending, events, lastVersion, lastRecordedAt);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a stored agreement state: " + e, e);
        }
    }

    private static void date(DataOutputStream out, BusinessDate d) throws IOException {
        out.writeUTF(d.text());
        out.writeUTF(d.precision());
        out.writeLong(d.earliest().toEpochDay());
        out.writeLong(d.latest().toEpochDay());
    }

    private static BusinessDate date(DataInputStream in) throws IOException {
        return new BusinessDate(in.readUTF(), in.readUTF(), LocalDate.ofEpochDay(in.readLong()),
                LocalDate.ofEpochDay(in.readLong()));
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
