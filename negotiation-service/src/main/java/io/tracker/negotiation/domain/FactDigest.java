package io.tracker.negotiation.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Source;

/**
 * A fact's identity in 128 bits: the first half of the SHA-256 of an unambiguous encoding of every component
 * {@link Fact#equals} compares (each value length-prefixed, a null told from an empty value, lists with their
 * size). Two facts are equal exactly when their digests are, but for a collision no one can find (2^-64 by
 * chance) — so the decision state keeps 16 bytes of a fact instead of the fact, and a correction that
 * "changes nothing" is still recognised.
 */
public record FactDigest(long high, long low) {

    public static FactDigest of(Fact fact) {
        Encoder e = new Encoder();
        BusinessDate date = fact.date();
        e.present(date != null);
        if (date != null) {
            e.text(date.text())
                    .text(date.precision().name())
                    .date(date.earliest())
                    .date(date.latest());
        }
        e.text(fact.status() == null ? null : fact.status().name());
        e.size(fact.participants());
        for (Participant p : fact.participants()) {
            e.present(p != null);
            if (p != null) {
                e.text(p.name()).text(p.role()).text(p.country());
            }
        }
        e.present(fact.place() != null);
        if (fact.place() != null) {
            e.text(fact.place().city()).text(fact.place().country());
        }
        e.size(fact.focusAreas());
        for (FocusArea area : fact.focusAreas()) {
            e.text(area == null ? null : area.name());
        }
        e.size(fact.sources());
        for (Source s : fact.sources()) {
            e.present(s != null);
            if (s != null) {
                e.text(s.title())
                        .text(s.publisher())
                        .date(s.published())
                        .text(s.url())
                        .text(s.kind().name());
            }
        }
        ByteBuffer hash = ByteBuffer.wrap(e.sha.digest());
        return new FactDigest(hash.getLong(), hash.getLong());
    }

    /** The digest of an indicator (its value compared as a number: 12 and 12.0 are the same figure). */
    public static FactDigest of(Indicator indicator) {
        Encoder e = new Encoder()
                .text("indicator")
                .text(indicator.name())
                .text(
                        indicator.value() == null
                                ? null
                                : indicator.value().stripTrailingZeros().toPlainString())
                .text(
                        indicator.qualifier() == null
                                ? null
                                : indicator.qualifier().name())
                .text(indicator.unit())
                .text(indicator.currency())
                .date(indicator.period())
                .text(indicator.scope());
        e.size(indicator.sources());
        indicator.sources().forEach(e::source);
        return e.digest();
    }

    public static FactDigest of(Claim claim) {
        return new Encoder()
                .text("claim")
                .text(claim.statement())
                .source(claim.source())
                .date(claim.madeOn())
                .digest();
    }

    /** 32 hex digits. */
    public String hex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    public static FactDigest ofHex(String hex) {
        if (hex.length() != 32) {
            throw new IllegalArgumentException("a fact digest is 32 hex digits: " + hex);
        }
        return new FactDigest(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
    }

    private static final class Encoder {
        private final MessageDigest sha;

        Encoder() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Encoder present(boolean present) {
            sha.update((byte) (present ? 1 : 0));
            return this;
        }

        Encoder size(List<?> list) {
            return number(list.size());
        }

        Encoder number(int n) {
            sha.update(ByteBuffer.allocate(4).putInt(n).array());
            return this;
        }

        Encoder text(String s) {
            present(s != null);
            if (s != null) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                number(bytes.length);
                sha.update(bytes);
            }
            return this;
        }

        Encoder date(LocalDate d) {
            return text(d == null ? null : d.toString());
        }

        Encoder date(BusinessDate d) {
            present(d != null);
            return d == null
                    ? this
                    : text(d.text())
                            .text(d.precision().name())
                            .date(d.earliest())
                            .date(d.latest());
        }

        Encoder source(CitedSource s) {
            present(s != null);
            return s == null
                    ? this
                    : text(s.title())
                            .text(s.publisher())
                            .date(s.published())
                            .text(s.url())
                            .text(s.kind() == null ? null : s.kind().name());
        }

        FactDigest digest() {
            ByteBuffer hash = ByteBuffer.wrap(sha.digest());
            return new FactDigest(hash.getLong(), hash.getLong());
        }
    }
}
