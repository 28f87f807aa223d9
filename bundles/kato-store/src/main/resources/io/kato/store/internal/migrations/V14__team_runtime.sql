-- The runtime a team's components run on; NULL: the server's active runtime.

ALTER TABLE teams ADD COLUMN runtime VARCHAR(63);
