using System.CommandLine;
using MixedEffects.Data;

namespace MixedEffects.Cli;

/// <summary>
/// The data options shared by the model commands: <c>--subset "expr"</c> (R's subset), <c>--ref f=level</c> (R's relevel)
/// and per-factor <c>--contrasts f=sum,g=treatment</c> (R's <c>contrasts(f) &lt;- ...</c>), applied in that order.
/// </summary>
internal sealed class DataPreparation
{
    /// <summary><c>--subset</c>.</summary>
    public Option<string?> Subset { get; } = CliOption.Value<string?>("--subset", "EXPR",
        "use only rows where EXPR holds, as R's subset: \"correct == TRUE & rt < 2\", x %in% c(1, 2)", ParseSubset, null);

    /// <summary><c>--ref</c>: F=LEVEL pairs (relevel), or a bare LEVEL (the control of trt.vs.ctrl contrasts).</summary>
    public Option<string[]> Ref { get; } = CliOption.Repeated("--ref", "F=LEVEL",
        "reference level of factor F (R's relevel), comma-separated for several; a bare LEVEL is the control of --contrast trt.vs.ctrl",
        v => v);

    /// <summary><c>--contrasts</c>: one coding for all factors, or F=CODING pairs.</summary>
    public Option<string> Contrasts { get; } = CliOption.Value("--contrasts", "CODING",
        "coding of factors: treatment (default), sum, helmert; or per factor: f=sum,g=treatment(2),h=poly", ParseContrastsText, "treatment");

    /// <summary>The options, in help order.</summary>
    public IEnumerable<Option> Options => [Contrasts, Subset, Ref];

    /// <summary>The data after the subset, reference levels and per-factor contrasts the arguments ask for.</summary>
    public Dataset Apply(Dataset data, ParseResult parsed)
    {
        if (parsed.GetValue(Subset) is { } subset) data = RowFilter.Parse(subset).Apply(data);
        foreach (var (factor, level) in Assignments((parsed.GetValue(Ref) ?? []).Where(v => v.Contains('=', StringComparison.Ordinal)), "--ref"))
            data = data.Relevel(Column(data, factor, "--ref"), level);
        if (parsed.GetValue(Contrasts) is { } contrasts && contrasts.Contains('=', StringComparison.Ordinal))
            foreach (var (factor, coding) in Assignments([contrasts], "--contrasts"))
                data = data.WithContrasts(Column(data, factor, "--contrasts"), FactorContrasts.Parse(coding));
        return data;
    }

    /// <summary>The coding of all factors: the --contrasts value when it names one, else treatment.</summary>
    public Design.ContrastCoding GlobalCoding(ParseResult parsed) =>
        parsed.GetValue(Contrasts) is { } c && !c.Contains('=', StringComparison.Ordinal) ? ParseGlobal(c) : Design.ContrastCoding.Treatment;

    /// <summary>The reference level for trt.vs.ctrl contrasts: a '--ref' value without '='.</summary>
    public string? ControlLevel(ParseResult parsed) =>
        (parsed.GetValue(Ref) ?? []).LastOrDefault(v => !v.Contains('=', StringComparison.Ordinal));

    private static string ParseSubset(string value)
    {
        try
        {
            RowFilter.Parse(value);
        }
        catch (MixedEffectsException e)
        {
            throw new CommandLineException(e.Message);
        }
        return value;
    }

    private static string ParseContrastsText(string value)
    {
        if (!value.Contains('=', StringComparison.Ordinal))
        {
            ParseGlobal(value);
            return value;
        }
        foreach (var (_, coding) in Assignments([value], "--contrasts"))
        {
            try
            {
                FactorContrasts.Parse(coding);
            }
            catch (MixedEffectsException)
            {
                throw new CommandLineException($"unknown contrasts '{coding}' in '--contrasts' (expected treatment, treatment(k), sum, helmert or poly)");
            }
        }
        return value;
    }

    private static Design.ContrastCoding ParseGlobal(string value) => value.ToLowerInvariant() switch
    {
        "treatment" => Design.ContrastCoding.Treatment,
        "sum" => Design.ContrastCoding.Sum,
        "helmert" => Design.ContrastCoding.Helmert,
        _ => throw new CommandLineException($"unknown contrasts '{value}' (expected treatment, sum or helmert, or per factor f=sum,g=treatment)"),
    };

    private static string Column(Dataset data, string name, string option) =>
        data.HasColumn(name) ? name
            : throw new CommandLineException($"option '{option}' names '{name}', which is not a column of {data.Source} (columns: {string.Join(", ", data.ColumnNames)})");

    private static IEnumerable<(string Name, string Value)> Assignments(IEnumerable<string> values, string option)
    {
        foreach (var value in values)
        {
            foreach (var part in SplitTopLevel(value))
            {
                int eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == part.Length - 1)
                    throw new CommandLineException($"option '{option}' needs NAME=VALUE pairs separated by commas, got '{part}'");
                yield return (part[..eq].Trim(), part[(eq + 1)..].Trim());
            }
        }
    }

    // splits at commas outside parentheses, so that "f=treatment(2),g=sum" has two parts
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
