-- The record store (issue 5). Plain SQL that runs on H2 (MODE=PostgreSQL) and on PostgreSQL.

-- one row per record id: the latest attributes, when first and last seen, and when it disappeared
CREATE TABLE records_current (
    record_id       VARCHAR(36)  NOT NULL PRIMARY KEY,
    type            VARCHAR(40)  NOT NULL,
    tenant_id       VARCHAR(100),
    subscription_id VARCHAR(100),
    resource_group  VARCHAR(200),
    vault           VARCHAR(200),
    azure_id        VARCHAR(2000),
    attributes      TEXT         NOT NULL,
    attributes_hash VARCHAR(100) NOT NULL,
    first_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at      TIMESTAMP WITH TIME ZONE,
    last_sync_id    VARCHAR(36)  NOT NULL
);
CREATE INDEX records_current_partition ON records_current (type, subscription_id, vault);

-- a row per change of hash (and per reappearance): the state valid from that sync on
CREATE TABLE records_history (
    record_id       VARCHAR(36)  NOT NULL,
    attributes_hash VARCHAR(100) NOT NULL,
    attributes      TEXT         NOT NULL,
    valid_from      TIMESTAMP WITH TIME ZONE NOT NULL,
    sync_id         VARCHAR(36)  NOT NULL
);
CREATE INDEX records_history_record ON records_history (record_id, valid_from);

-- one row per partition and sync: what was read, and what was not
CREATE TABLE coverage (
    sync_id         VARCHAR(36)  NOT NULL,
    scope           VARCHAR(2000) NOT NULL,
    object_type     VARCHAR(40)  NOT NULL,
    subscription_id VARCHAR(100),
    vault           VARCHAR(200),
    status          VARCHAR(40)  NOT NULL,
    item_count      INTEGER,
    http_status     INTEGER,
    error_code      VARCHAR(200),
    message         TEXT,
    PRIMARY KEY (sync_id, scope, object_type)
);

CREATE TABLE sync_runs (
    sync_id     VARCHAR(36) NOT NULL PRIMARY KEY,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    status      VARCHAR(40),
    summary     TEXT
);
