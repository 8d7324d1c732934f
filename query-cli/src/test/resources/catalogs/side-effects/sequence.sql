-- name: next_audit_id
-- description: takes a number no rollback gives back
SELECT nextval('audit_id_seq');
