using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>A theory that is skipped, with the reason shown, where the ClickHouse server is not installed.</summary>
public sealed class ClickHouseTheoryAttribute : TheoryAttribute
{
    public ClickHouseTheoryAttribute()
    {
        if (ClickHouseCluster.UnavailableReason is { } reason) Skip = reason;
    }
}
