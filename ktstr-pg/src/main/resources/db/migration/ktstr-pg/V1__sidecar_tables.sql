-- ktstr-pg schema, version 1. Applied by Flyway (history table ktstr_schema_history) the first
-- time a ktstr-pg store touches the database. See docs/PG.md for the layout at 100M rows.
--
-- Every text column is COLLATE "C": comparison and ORDER BY are byte order of the UTF-8
-- encoding, which is the order ktstr sorts run names and sidecar locations in.

-- One row per run: when its current content started (reset by pre-clear) and when it last
-- changed (listRuns sorts by it, newest first, as the filesystem sorts run directories by mtime).
CREATE TABLE ktstr_run (
    run         text COLLATE "C" PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ktstr_run_updated ON ktstr_run (updated_at DESC, run);

-- One row per stored sidecar. content is the exact bytes written (a pull returns them byte for
-- byte); doc is a jsonb copy for ad-hoc SQL (NULL when the bytes are not a sidecar); the
-- dimension columns are extracted from the bytes at write time (NULL when they do not parse).
--
-- run_created copies ktstr_run.created_at of the run: the same for every row of a run (pre-clear
-- deletes the rows and resets it). It is what a table partitioned by time is partitioned on
-- (docs/PG.md); there the primary key becomes (run, file_name, run_created), still unique on
-- (run, file_name) since run_created is constant per run. The store upserts ON CONFLICT ON
-- CONSTRAINT ktstr_sidecar_pkey, so both layouts take the same statements.
CREATE TABLE ktstr_sidecar (
    run             text COLLATE "C" NOT NULL,
    file_name       text COLLATE "C" NOT NULL,
    run_created     timestamptz NOT NULL,
    content         bytea NOT NULL,
    doc             jsonb,
    test_name       text COLLATE "C",
    topology        text COLLATE "C",
    scheduler       text COLLATE "C",
    work_type       text COLLATE "C",
    kernel_version  text COLLATE "C",
    project_commit  text COLLATE "C",
    kernel_commit   text COLLATE "C",
    run_source      text COLLATE "C",
    passed          boolean,
    skipped         boolean,
    "timestamp"     text COLLATE "C",
    stored_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ktstr_sidecar_pkey PRIMARY KEY (run, file_name)
);

-- Pool-read pushdown: every PoolQuery dimension with enough distinct values to select on.
CREATE INDEX ktstr_sidecar_test_name      ON ktstr_sidecar (test_name);
CREATE INDEX ktstr_sidecar_topology       ON ktstr_sidecar (topology);
CREATE INDEX ktstr_sidecar_scheduler      ON ktstr_sidecar (scheduler);
CREATE INDEX ktstr_sidecar_work_type      ON ktstr_sidecar (work_type);
CREATE INDEX ktstr_sidecar_kernel_version ON ktstr_sidecar (kernel_version);
CREATE INDEX ktstr_sidecar_project_commit ON ktstr_sidecar (project_commit);
CREATE INDEX ktstr_sidecar_kernel_commit  ON ktstr_sidecar (kernel_commit);
CREATE INDEX ktstr_sidecar_timestamp      ON ktstr_sidecar ("timestamp");
-- run_source (ci/local), passed and skipped take two values each: a plain index would not be
-- selective. Failures are rare and often looked for: a partial index finds them.
CREATE INDEX ktstr_sidecar_failed ON ktstr_sidecar (run_source, "timestamp") WHERE NOT passed;
