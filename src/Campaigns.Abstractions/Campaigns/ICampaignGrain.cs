using Campaigns.Abstractions.Calls;
using Campaigns.Abstractions.Common;

namespace Campaigns.Abstractions.Campaigns;

/// <summary>
/// One campaign: its lifecycle and its counters. Keyed by
/// <see cref="CampaignKey.Of(string, string)"/>.
/// </summary>
[Alias("campaigns.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Creates the campaign; repeating the same request returns the existing one.</summary>
    [Alias("Create")]
    Task<Reply<CampaignView>> Create(NewCampaign request);

    [Alias("Get"), ReadOnly]
    Task<Reply<CampaignView>> Get();

    /// <summary>Runs a lifecycle command; asking for the current state changes nothing.</summary>
    [Alias("Apply")]
    Task<Reply<CampaignView>> Apply(CampaignCommand command, string? reason, string actor);

    /// <summary>
    /// Records outcomes. Each gets its own result; the reply returns only once
    /// every accepted outcome is durable. Calls interleave so that outcomes
    /// arriving while a write is in flight are stored together in the next one.
    /// </summary>
    [Alias("Record"), AlwaysInterleave]
    Task<Reply<IReadOnlyList<OutcomeResult>>> Record(IReadOnlyList<CallOutcome> outcomes);

    [Alias("GetHistory"), ReadOnly]
    Task<Reply<IReadOnlyList<StatusTransition>>> GetHistory();

    [Alias("GetCalls"), ReadOnly, AlwaysInterleave]
    Task<Reply<CallPage>> GetCalls(CallQuery query);

    /// <summary>A follow-up's contacts, in id order after <paramref name="after"/>.</summary>
    [Alias("GetContacts"), ReadOnly, AlwaysInterleave]
    Task<Reply<IReadOnlyList<string>>> GetContacts(int limit, string? after);

    /// <summary>Creates a follow-up campaign seeded with the contacts of calls in the given statuses.</summary>
    [Alias("CreateFollowUp")]
    Task<Reply<CampaignView>> CreateFollowUp(
        string followUpId,
        string name,
        IReadOnlyList<OutcomeStatus> statuses,
        DateTimeOffset? scheduledStart,
        string actor);
}
