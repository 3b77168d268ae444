-- The id of the HTTP request that stored each call, so that a request the
-- gateway repeated after a silo failure is still answered "accepted".
ALTER TABLE CampaignCalls ADD COLUMN RequestId varchar(64) NULL;
