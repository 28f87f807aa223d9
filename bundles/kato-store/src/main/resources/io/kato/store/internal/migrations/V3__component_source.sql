-- Where a component's source lives, copied from the source check it was created from.
ALTER TABLE components ADD COLUMN src_kind VARCHAR(16);
ALTER TABLE components ADD COLUMN src_url VARCHAR(2000);
ALTER TABLE components ADD COLUMN src_ref VARCHAR(255);
ALTER TABLE components ADD COLUMN src_subdir VARCHAR(1000);
ALTER TABLE components ADD COLUMN src_check_id VARCHAR(36);
