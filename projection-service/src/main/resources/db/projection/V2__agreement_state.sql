-- Each agreement's state, folded event by event (io.tracker.projection.domain.AgreementState), kept with its list
-- row and written in the transaction that applies the events: a live batch folds its new events into it instead
-- of reading and decoding the stream's history. state_encoding says how `state` is encoded; a row without a
-- state, or with an encoding this version does not read, is folded again from the stream's facts.
alter table agreement_summary add column state_encoding smallint, add column state bytea;
