namespace MixedEffects;

/// <summary>
/// Base type of every error caused by the user's input (data, formula, model specification).
/// The message is one line that names the problem; the CLI prints it and exits with code 2.
/// </summary>
public class MixedEffectsException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public MixedEffectsException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the underlying cause.</summary>
    public MixedEffectsException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A data file could not be read: missing, empty, malformed, or without usable rows.</summary>
public sealed class DataFileException : MixedEffectsException
{
    /// <summary>Creates the exception.</summary>
    public DataFileException(string message) : base(message) { }
}

/// <summary>A formula or model refers to a column the data does not have.</summary>
public sealed class UnknownColumnException : MixedEffectsException
{
    /// <summary>The missing column's name.</summary>
    public string Column { get; }

    /// <summary>Creates the exception for a column name.</summary>
    public UnknownColumnException(string column, string message) : base(message) => Column = column;
}

/// <summary>A formula could not be parsed. <see cref="Position"/> is the 1-based character position.</summary>
public sealed class FormulaSyntaxException : MixedEffectsException
{
    /// <summary>1-based position in the formula text where the problem was found.</summary>
    public int Position { get; }

    /// <summary>Creates the exception.</summary>
    public FormulaSyntaxException(int position, string message) : base(message) => Position = position;
}

/// <summary>The model cannot be fitted as specified (grouping factor levels, response type, family, ...).</summary>
public sealed class ModelSpecificationException : MixedEffectsException
{
    /// <summary>Creates the exception.</summary>
    public ModelSpecificationException(string message) : base(message) { }
}
