-- Schedules (docs/runbooks.md#schedules): a runbook run in an environment on a cron in a time zone.
-- The plans a schedule makes are requested by whoever created it (their identity and roles as they
-- were then), so separation of duties applies to them as to any plan of that person.
CREATE TABLE runbook_schedule (
    id            VARCHAR(40)   PRIMARY KEY,
    runbook       VARCHAR(63)   NOT NULL,
    environment   VARCHAR(63)   NOT NULL,
    params_json   TEXT          NOT NULL,
    cron          VARCHAR(200)  NOT NULL,
    time_zone     VARCHAR(100)  NOT NULL,
    enabled       BOOLEAN       NOT NULL,
    overlap       VARCHAR(10)   NOT NULL,
    misfire       VARCHAR(10)   NOT NULL,
    actor_id      VARCHAR(200)  NOT NULL,
    actor_name    VARCHAR(320)  NOT NULL,
    actor_kind    VARCHAR(20)   NOT NULL,
    roles         VARCHAR(200)  NOT NULL,
    email         VARCHAR(320),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per tick a schedule handled: the plan it made, or why it made none. The primary key is
-- what makes a tick fire once, whichever replica handles it and however often.
CREATE TABLE schedule_fire (
    schedule_id   VARCHAR(40)   NOT NULL,
    fire_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome       VARCHAR(20)   NOT NULL,
    reason        VARCHAR(1000),
    plan_id       VARCHAR(40),
    fired_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT schedule_fire_pk PRIMARY KEY (schedule_id, fire_time)
);
CREATE INDEX schedule_fire_recent_idx ON schedule_fire (schedule_id, fired_at);
