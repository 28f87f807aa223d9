-- A source check may accept an https server's certificate that does not verify (an
-- internal server's self-signed one), when the user asks for it; builds fetch the same way.
ALTER TABLE source_checks ADD COLUMN trust_cert BOOLEAN DEFAULT FALSE NOT NULL;
