namespace MixedEffects.Data;

/// <summary>Loads data named on a command line: a file path or the name of a built-in dataset.</summary>
public static class DatasetLoader
{
    /// <summary>
    /// Reads the file when <paramref name="pathOrDatasetName"/> is an existing file; otherwise loads
    /// the built-in dataset of that name.
    /// </summary>
    /// <exception cref="DataFileException">Neither a file nor a dataset of that name exists, or the file is malformed.</exception>
    public static Dataset Load(string pathOrDatasetName)
    {
        ArgumentNullException.ThrowIfNull(pathOrDatasetName);
        if (string.IsNullOrWhiteSpace(pathOrDatasetName))
            throw new DataFileException("no data file or built-in dataset name given");
        if (File.Exists(pathOrDatasetName)) return CsvReader.ReadFile(pathOrDatasetName);
        if (Datasets.Exists(pathOrDatasetName)) return Datasets.Load(pathOrDatasetName);
        throw new DataFileException(
            $"data file '{pathOrDatasetName}' not found and '{pathOrDatasetName}' is not a built-in dataset (built-in: {Datasets.NameList})");
    }
}
