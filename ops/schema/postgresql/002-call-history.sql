-- Every acknowledged call outcome, append-only, one row per (campaign, call id).
--
-- Seq grows with every insert. Within one campaign rows are inserted by one
-- activation at a time, so a campaign's rows commit in Seq order; its stored
-- counters remember the last Seq they include and a new activation folds in
-- only the rows past it.

CREATE TABLE CampaignCalls
(
    Seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ProjectId      varchar(128) NOT NULL,
    CampaignId     varchar(128) NOT NULL,
    CallId         varchar(128) NOT NULL,
    Status         smallint     NOT NULL,
    DurationMs     bigint       NOT NULL,
    StartedAt      timestamptz  NOT NULL,
    StartedAtGiven boolean      NOT NULL,
    ContactId      varchar(128) NULL,
    Interaction    text         NULL,
    ReceivedAt     timestamptz  NOT NULL,
    CONSTRAINT UQ_CampaignCalls_Call UNIQUE (ProjectId, CampaignId, CallId)
);

CREATE INDEX IX_CampaignCalls_Seq ON CampaignCalls (ProjectId, CampaignId, Seq);
CREATE INDEX IX_CampaignCalls_StartedAt ON CampaignCalls (ProjectId, CampaignId, StartedAt, Seq);

CREATE TABLE FollowUpContacts
(
    ProjectId    varchar(128) NOT NULL,
    CampaignId   varchar(128) NOT NULL,
    ContactId    varchar(128) NOT NULL,
    SourceCallId varchar(128) NOT NULL,
    CONSTRAINT PK_FollowUpContacts PRIMARY KEY (ProjectId, CampaignId, ContactId)
);
