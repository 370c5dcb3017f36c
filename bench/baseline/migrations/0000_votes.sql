-- One table, keyed like a vote: a rowid and the reader's answer.
CREATE TABLE votes (
  id INTEGER PRIMARY KEY,
  reader TEXT NOT NULL,
  rating INTEGER NOT NULL,
  answered_at INTEGER NOT NULL
);
