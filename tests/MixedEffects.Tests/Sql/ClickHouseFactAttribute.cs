using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>A fact that is skipped, with the reason shown, where the ClickHouse server is not installed.</summary>
public sealed class ClickHouseFactAttribute : FactAttribute
{
    public ClickHouseFactAttribute()
    {
        if (ClickHouseCluster.UnavailableReason is { } reason) Skip = reason;
    }
}
