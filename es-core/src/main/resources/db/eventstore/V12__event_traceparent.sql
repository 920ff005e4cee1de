-- The W3C trace context (traceparent, e.g. 00-<trace id>-<span id>-01) of the command that appended the event,
-- when it was traced: the outbox relay sends it as the Kafka record header `traceparent`, so a consumer's span
-- joins the command's trace. Null when tracing was off (and for every event appended before this version).
alter table es_events add column traceparent text;
