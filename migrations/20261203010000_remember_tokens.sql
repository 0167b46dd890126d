-- "Stay signed in on this computer" (issue: local accounts). The raw token
-- lives only in the OS user's config folder; the storage root keeps its
-- SHA-256, so a copied or shared storage folder grants no session.
CREATE TABLE "RememberToken" (
    "id"         TEXT NOT NULL PRIMARY KEY,
    "userId"     TEXT NOT NULL REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "tokenHash"  TEXT NOT NULL UNIQUE CHECK (length("tokenHash") = 64),
    "createdAt"  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    "lastUsedAt" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX "RememberToken_userId_idx" ON "RememberToken" ("userId");
