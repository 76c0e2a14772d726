-- A write step's preview (docs/api.md#previews): what it will change, read from the provider when the
-- plan is made (a proposed change's unified diff and the base it was computed from). Stored with the
-- step, covered by the plan's fingerprint, shown with the approval, handed back to the action at
-- execution. NULL for every step without one.
ALTER TABLE plan_step ADD COLUMN preview_json TEXT;
