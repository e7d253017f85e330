using System.Collections.ObjectModel;

namespace MixedEffects.Data;

/// <summary>
/// The example datasets shipped inside the library (the classic lme4 and mixed-model examples),
/// stored as CSV files written by R.
/// </summary>
public static class Datasets
{
    private static readonly ReadOnlyCollection<string> AllNames = Array.AsReadOnly(
    [
        "sleepstudy", "dyestuff", "dyestuff2", "penicillin", "pastes", "insteval", "fhch2010",
        "sitka", "dietox", "cake", "cbpp", "grouseticks", "verbagg", "kb07sim",
        "orthodont", "bodyweight", "sessions", "crossedvar",
    ]);

    /// <summary>The names of the built-in datasets, in lower case.</summary>
    public static IReadOnlyList<string> Names => AllNames;

    /// <summary>True when <paramref name="name"/> names a built-in dataset (case-insensitive).</summary>
    public static bool Exists(string name) => Canonical(name) is not null;

    /// <summary>Loads a built-in dataset by name (case-insensitive).</summary>
    /// <exception cref="DataFileException">There is no dataset of that name; the message lists the names.</exception>
    public static Dataset Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var canonical = Canonical(name)
            ?? throw new DataFileException($"'{name}' is not a built-in dataset (built-in: {NameList})");
        var resource = $"MixedEffects.Data.{canonical}.csv";
        using var stream = typeof(Datasets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource '{resource}' is missing from the assembly");
        using var reader = new StreamReader(stream);
        return CsvReader.Read(reader, canonical, BuiltInFormat);
    }

    /// <summary>
    /// The datasets were written by R's <c>write.csv</c>, which quotes exactly the factor and character columns,
    /// so a quoted number there is a factor level (subject ids, herds, years), as in R.
    /// </summary>
    private static CsvReadOptions BuiltInFormat => new() { Delimiter = ',', QuotedFieldsAreText = true };

    /// <summary>The dataset names joined with commas, for messages.</summary>
    internal static string NameList => string.Join(", ", AllNames);

    private static string? Canonical(string? name) =>
        name is null ? null : AllNames.FirstOrDefault(n => n.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
}
