using System.Data;
using System.Data.Common;

namespace MixedEffects.Sql;

/// <summary>A query sent through <see cref="ClickHouseHttpConnection"/>; its rows are read as tab-separated text.</summary>
internal sealed class ClickHouseHttpCommand : DbCommand
{
    private readonly ClickHouseHttpConnection _connection;

    public ClickHouseHttpCommand(ClickHouseHttpConnection connection) => _connection = connection;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText { get; set; } = "";

    /// <summary>Seconds a query may run; 0 waits as long as it takes.</summary>
    public override int CommandTimeout { get; set; }

    public override CommandType CommandType { get => CommandType.Text; set { if (value != CommandType.Text) throw new NotSupportedException("only text commands"); } }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection { get => _connection; set => throw new NotSupportedException("the connection is fixed"); }

    protected override DbParameterCollection DbParameterCollection => throw new NotSupportedException("ClickHouse queries here take no parameters");

    protected override DbTransaction? DbTransaction { get => null; set => throw new NotSupportedException("ClickHouse has no transactions"); }

    public override void Cancel() { }

    public override int ExecuteNonQuery()
    {
        using var reader = ExecuteDbDataReader(CommandBehavior.Default);
        while (reader.Read()) { }
        return -1;
    }

    public override object? ExecuteScalar()
    {
        using var reader = ExecuteDbDataReader(CommandBehavior.Default);
        return reader.Read() ? reader.GetValue(0) : null;
    }

    public override void Prepare() { }

    protected override DbParameter CreateDbParameter() => throw new NotSupportedException("ClickHouse queries here take no parameters");

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        using var timeout = CommandTimeout > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(CommandTimeout)) : new CancellationTokenSource();
        var response = _connection.Send(CommandText.Trim().TrimEnd(';') + "\nFORMAT TabSeparatedWithNamesAndTypes", timeout.Token);
        return new ClickHouseHttpDataReader(response);
    }
}
