-- Which instance runs which processor, said again every few seconds (io.storefront.api.store.SegmentSharing),
-- so that the instances share each processor's segments. The query side keeps the same table beside its tokens.
CREATE TABLE IF NOT EXISTS processor_instance (
    processor_name VARCHAR(255)             NOT NULL,
    owner          VARCHAR(255)             NOT NULL,
    seen_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (processor_name, owner)
);
