-- Tombstones leave history (issue 5): a row with change_kind 'deleted', so "what did this vault hold on
-- 1 March" is one query on records_history; deleted_by_sync says which sync marked a record deleted.

ALTER TABLE records_current ADD COLUMN deleted_by_sync VARCHAR(36);

-- created | changed | reappeared | deleted (rows written before this migration count as 'changed')
ALTER TABLE records_history ADD COLUMN change_kind VARCHAR(20) DEFAULT 'changed' NOT NULL;

UPDATE records_history SET change_kind = 'created' WHERE valid_from =
    (SELECT c.first_seen FROM records_current c WHERE c.record_id = records_history.record_id);

-- "what changed in sync X"
CREATE INDEX records_history_sync ON records_history (sync_id);
