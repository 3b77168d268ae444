namespace Campaigns.Abstractions.Calls;

/// <summary>How a finished call ended. Stored by value: never renumber.</summary>
public enum OutcomeStatus
{
    Completed = 0,
    NoAnswer = 1,
    NoMessage = 2,
    LeftMessage = 3,
    UserHungUp = 4,
    Callback = 5,
    MeetingBooked = 6,
    CallTransferred = 7,
    Busy = 8,
    IssueDialing = 9,
    Failed = 10,
}
