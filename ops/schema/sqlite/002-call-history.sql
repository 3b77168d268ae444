-- Every acknowledged call outcome, append-only, one row per (campaign, call id).
--
-- Seq is the rowid: it grows with every insert and is never reused because rows
-- are never deleted. A campaign's stored counters remember the last Seq they
-- include, so after a crash the campaign folds in only the rows past that mark.
-- Times are Unix milliseconds (UTC); durations are whole milliseconds.

CREATE TABLE CampaignCalls
(
    Seq            INTEGER PRIMARY KEY,
    ProjectId      TEXT    NOT NULL,
    CampaignId     TEXT    NOT NULL,
    CallId         TEXT    NOT NULL,
    Status         INTEGER NOT NULL,
    DurationMs     INTEGER NOT NULL,
    StartedAt      INTEGER NOT NULL,
    StartedAtGiven INTEGER NOT NULL,
    ContactId      TEXT    NULL,
    Interaction    TEXT    NULL,
    ReceivedAt     INTEGER NOT NULL,
    CONSTRAINT UQ_CampaignCalls_Call UNIQUE (ProjectId, CampaignId, CallId)
);

-- Recovery after a crash: the rows of one campaign past a Seq.
CREATE INDEX IX_CampaignCalls_Seq ON CampaignCalls (ProjectId, CampaignId, Seq);

-- Call history pages, newest first, and per-project analytics by time.
CREATE INDEX IX_CampaignCalls_StartedAt ON CampaignCalls (ProjectId, CampaignId, StartedAt, Seq);

-- Contacts a follow-up campaign was seeded with.
CREATE TABLE FollowUpContacts
(
    ProjectId    TEXT NOT NULL,
    CampaignId   TEXT NOT NULL,
    ContactId    TEXT NOT NULL,
    SourceCallId TEXT NOT NULL,
    CONSTRAINT PK_FollowUpContacts PRIMARY KEY (ProjectId, CampaignId, ContactId)
);
