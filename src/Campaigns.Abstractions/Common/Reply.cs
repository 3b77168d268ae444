using System.Diagnostics.CodeAnalysis;

namespace Campaigns.Abstractions.Common;

/// <summary>Either a value or the reason it was refused.</summary>
[GenerateSerializer, Immutable, Alias("campaigns.Reply`1")]
public sealed record Reply<T>([property: Id(0)] T? Value, [property: Id(1)] DomainError? Error)
{
    [MemberNotNullWhen(false, nameof(Error))]
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Error is null;

    public static implicit operator Reply<T>(T value) => new(value, null);

    public static implicit operator Reply<T>(DomainError error) => new(default, error);
}
