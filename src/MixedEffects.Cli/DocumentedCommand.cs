using System.CommandLine;

namespace MixedEffects.Cli;

/// <summary>A subcommand of <c>mixed</c> with the longer text its help shows under the usage line.</summary>
internal abstract class DocumentedCommand : Command
{
    /// <summary>Creates the command.</summary>
    /// <param name="name">The word that selects it, e.g. <c>fit</c>.</param>
    /// <param name="summary">One line for <c>mixed --help</c>.</param>
    /// <param name="details">Paragraph(s) for the command's own help.</param>
    protected DocumentedCommand(string name, string summary, string details) : base(name, summary)
    {
        Details = details;
    }

    /// <summary>Paragraph(s) for the command's own help.</summary>
    public string Details { get; }

    /// <summary>Added to the "unexpected argument" message, e.g. a hint to quote the formula; empty for none.</summary>
    public virtual string ExtraArgumentHint => "";
}
