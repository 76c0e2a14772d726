-- The requester's verified email (the OIDC email claim), what "the requester may not approve" compares
-- with a decider from another channel (Linear names people by email). requested_by_name stays for
-- display only: it falls back to the OIDC sub or is a token's name, and neither proves an email.
ALTER TABLE approval ADD COLUMN requested_by_email VARCHAR(200);

-- Requests made before this column existed: a person's name that looks like an address is taken as
-- their email. It may have been their sub; a wrong match here can only refuse a decision, never allow one.
UPDATE approval SET requested_by_email = requested_by_name
 WHERE requested_by LIKE 'oidc:%' AND requested_by_name LIKE '%_@_%';
