namespace MixedEffects.Sql;

/// <summary>
/// A problem with a SQL data source: the connection failed, a table or column is unknown, the query returned no rows,
/// or a column has the wrong type for its use in the formula. The message is one line and never shows a password.
/// </summary>
public sealed class SqlSourceException : MixedEffectsException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public SqlSourceException(string message) : base(message) { }
}
