namespace Campaigns.Silo.Hosting;

/// <summary>
/// A setting this process cannot start with. Its message names the setting and says what
/// to change; the process prints it and exits, with no stack trace to read past.
/// </summary>
public sealed class InvalidSettingException : InvalidOperationException
{
    public InvalidSettingException()
    {
    }

    public InvalidSettingException(string message)
        : base(message)
    {
    }

    public InvalidSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Exit code of a process refused by its settings, as for a bad command line.</summary>
    public const int ExitCode = 2;
}
