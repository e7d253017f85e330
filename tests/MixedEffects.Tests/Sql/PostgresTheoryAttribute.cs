using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>A theory that is skipped, with the reason shown, where the PostgreSQL server binaries are not installed.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.UnavailableReason is { } reason) Skip = reason;
    }
}
