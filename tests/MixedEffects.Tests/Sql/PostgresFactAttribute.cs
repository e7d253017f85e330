using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>A fact that is skipped, with the reason shown, where the PostgreSQL server binaries are not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.UnavailableReason is { } reason) Skip = reason;
    }
}
