-- Indexes for the lookups the service makes. PostgreSQL does not index foreign keys by itself; without
-- these, "projects of a user" or "workflows of a project" scan the whole child table, and so does every
-- DELETE of a parent row while it checks the reference.

CREATE INDEX IF NOT EXISTS projects_owner_id_idx ON projects (owner_id);
CREATE INDEX IF NOT EXISTS workflows_project_id_idx ON workflows (project_id);
CREATE INDEX IF NOT EXISTS visualizations_project_id_idx ON visualizations (project_id);

-- "Recent jobs of a project" and every per-project report filter on project and time; the leading
-- project_id also serves the foreign key.
CREATE INDEX IF NOT EXISTS reconciliation_jobs_project_id_created_at_idx
    ON reconciliation_jobs (project_id, created_at);
CREATE INDEX IF NOT EXISTS reconciliation_jobs_workflow_id_idx ON reconciliation_jobs (workflow_id);

-- The scheduler looks for jobs still waiting or running: a few percent of the rows. A partial index
-- holds only those, so it stays small however many finished jobs accumulate.
CREATE INDEX IF NOT EXISTS reconciliation_jobs_active_idx
    ON reconciliation_jobs (created_at)
    WHERE status IN ('pending', 'running');
