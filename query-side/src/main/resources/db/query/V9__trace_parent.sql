-- Each captured row keeps the trace of the event handler that wrote it last (W3C traceparent), so that the
-- change capture's record continues that trace. The projections set it per event, transaction-local
-- (TraceOfChanges); a write without it (a replay, a snapshot, by hand) leaves the column empty.
CREATE FUNCTION trace_parent_of_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- unset in this session: NULL; set in an earlier transaction of it: ''
    NEW.trace_parent := NULLIF(current_setting('storefront.traceparent', true), '');
    RETURN NEW;
END
$$;

ALTER TABLE order_view ADD COLUMN trace_parent TEXT;
ALTER TABLE order_line_view ADD COLUMN trace_parent TEXT;
ALTER TABLE payment_view ADD COLUMN trace_parent TEXT;
ALTER TABLE shipment_view ADD COLUMN trace_parent TEXT;
ALTER TABLE stock_level ADD COLUMN trace_parent TEXT;
ALTER TABLE user_view ADD COLUMN trace_parent TEXT;

CREATE TRIGGER trace_parent BEFORE INSERT OR UPDATE ON order_view FOR EACH ROW EXECUTE FUNCTION trace_parent_of_change();
CREATE TRIGGER trace_parent BEFORE INSERT OR UPDATE ON order_line_view FOR EACH ROW EXECUTE FUNCTION trace_parent_of_change();
CREATE TRIGGER trace_parent BEFORE INSERT OR UPDATE ON payment_view FOR EACH ROW EXECUTE FUNCTION trace_parent_of_change();
CREATE TRIGGER trace_parent BEFORE INSERT OR UPDATE ON shipment_view FOR EACH ROW EXECUTE FUNCTION trace_parent_of_change();
CREATE TRIGGER trace_parent BEFORE INSERT OR UPDATE ON stock_level FOR EACH ROW EXECUTE FUNCTION trace_parent_of_change();
CREATE TRIGGER trace_parent BEFORE INSERT OR UPDATE ON user_view FOR EACH ROW EXECUTE FUNCTION trace_parent_of_change();
