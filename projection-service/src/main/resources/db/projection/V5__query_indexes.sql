-- Indexes for the questions across agreements (issue 18).
-- What was recorded between two times (GET /changes, GET /agreements/{id}/changes): a range of recorded_at in the
-- active generation, read in (recorded_at, stream) order.
create index fact_recorded on fact (generation, recorded_at, stream_type, stream_id, stream_version);
-- Which agreements an investment names (the changes and the sources of an investment): the primary key leads
-- with the negotiation.
create index investment_link_by_investment on investment_link (generation, investment_id);
