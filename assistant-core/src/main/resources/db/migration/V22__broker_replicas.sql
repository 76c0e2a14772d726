-- The replicas using the credential broker and the key encryption keys each holds (docs/integrations.md#rotating-the-key):
-- each replica with a key writes its row at start-up and every 20 s, and deletes it when it stops. Key rotation
-- refuses to start while a replica seen recently does not hold the current key: re-wrapping under a key that
-- replica lacks would leave it unable to read any secret. kek_ids: the ids (never a key), comma-separated,
-- the current one first. label: pid@host, for people.
CREATE TABLE broker_replica (
    instance  VARCHAR(40)   PRIMARY KEY,
    label     VARCHAR(300)  NOT NULL,
    kek_ids   VARCHAR(2000) NOT NULL,
    seen_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
