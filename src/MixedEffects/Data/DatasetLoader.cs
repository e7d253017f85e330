namespace MixedEffects.Data;

/// <summary>Loads data named on a command line: a file path or the name of a built-in dataset.</summary>
public static class DatasetLoader
{
    /// <summary>
    /// Reads the file when <paramref name="pathOrDatasetName"/> is an existing file; otherwise loads
    /// the built-in dataset of that name.
    /// </summary>
    /// <exception cref="DataFileException">Neither a file nor a dataset of that name exists, or the file is malformed.</exception>
    public static Dataset Load(string pathOrDatasetName) => Load(pathOrDatasetName, new CsvReadOptions());

    /// <summary>
    /// Reads the file with the given options when <paramref name="pathOrDatasetName"/> is an existing file;
    /// otherwise loads the built-in dataset of that name, with the columns of <see cref="CsvReadOptions.Factors"/>
    /// turned into text (factor) columns.
    /// </summary>
    /// <exception cref="DataFileException">Neither a file nor a dataset of that name exists, or the file is malformed.</exception>
    public static Dataset Load(string pathOrDatasetName, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(pathOrDatasetName);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(pathOrDatasetName))
            throw new DataFileException("no data file or built-in dataset name given");
        if (File.Exists(pathOrDatasetName)) return CsvReader.ReadFile(pathOrDatasetName, options);
        if (Datasets.Exists(pathOrDatasetName)) return AsFactors(Datasets.Load(pathOrDatasetName), options.Factors);
        throw new DataFileException(
            $"data file '{pathOrDatasetName}' not found and '{pathOrDatasetName}' is not a built-in dataset (built-in: {Datasets.NameList})");
    }

    private static Dataset AsFactors(Dataset data, IReadOnlyCollection<string> factors)
    {
        foreach (var name in factors)
        {
            if (data[name] is not NumericColumn numeric) continue;
            var labels = Enumerable.Range(0, numeric.Length).Select(numeric.FormatValue).ToArray();
            var order = Enumerable.Range(0, numeric.Length).Where(r => !numeric.IsMissing(r)).OrderBy(r => numeric[r])
                .Select(r => labels[r]!).Distinct().ToArray();
            data = data.WithColumn(new TextColumn(name, labels, order));
        }
        return data;
    }
}
