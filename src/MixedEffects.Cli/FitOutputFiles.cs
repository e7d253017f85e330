using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary>Writes the CSV files <c>mixed fit</c> was asked for (conditional modes, coefficients, fitted values, predictions).</summary>
internal static class FitOutputFiles
{
    /// <summary>Writes every requested file of a linear mixed model.</summary>
    public static void Write(LinearMixedModelFit fit, FitOptions options)
    {
        if (options.RanefCsv is not null) WriteRanef(fit.GroupNames, fit.RandomEffects(), options.RanefCsv);
        if (options.CoefCsv is not null) WriteCoef(fit.Coefficients(), options.CoefCsv);
        if (options.FittedCsv is not null)
            CsvTableWriter.Write(options.FittedCsv, ["row", "fitted", "residual"],
                FittedObservations.From(fit).Select(o => (IReadOnlyList<object?>)[o.DataRow, o.Fitted, o.Residual]));
        if (options.AugmentCsv is not null)
        {
            var (header, rows) = AugmentedData.Build(fit);
            CsvTableWriter.Write(options.AugmentCsv, header, rows);
        }
        if (options.PredictData is not null && options.PredictCsv is not null)
            WritePredictions(fit.Predict(DatasetLoader.Load(options.PredictData, options.ReadOptions), !options.PredictWithoutRandom), options.PredictCsv);
    }

    /// <summary>Writes the conditional modes and coefficients of a fit from SQL aggregates (the files it can give).</summary>
    public static void Write(Sql.SqlLinearMixedModelFit fit, FitOptions options)
    {
        if (options.RanefCsv is not null) WriteRanef(fit.GroupNames, fit.RandomEffects(), options.RanefCsv);
        if (options.CoefCsv is not null) WriteCoef(fit.Coefficients(), options.CoefCsv);
    }

    /// <summary>
    /// Writes every requested file of a generalized model: fitted values on the response scale with the linear
    /// predictor and the response residual, predictions on the scale of <see cref="FitOptions.PredictionScale"/>.
    /// </summary>
    public static void Write(GeneralizedLinearMixedModelFit fit, FitOptions options)
    {
        if (options.RanefCsv is not null) WriteRanef(fit.GroupNames, fit.RandomEffects(), options.RanefCsv);
        if (options.CoefCsv is not null) WriteCoef(fit.Coefficients(), options.CoefCsv);
        if (options.FittedCsv is not null)
        {
            var eta = fit.LinearPredictor();
            CsvTableWriter.Write(options.FittedCsv, ["row", "fitted", "link", "residual"],
                FittedObservations.From(fit).Select((o, i) => (IReadOnlyList<object?>)[o.DataRow, o.Fitted, eta[i], o.Residual]));
        }
        if (options.PredictData is not null && options.PredictCsv is not null)
            WritePredictions(fit.Predict(DatasetLoader.Load(options.PredictData, options.ReadOptions), options.PredictionScale, !options.PredictWithoutRandom),
                options.PredictCsv);
    }

    private static void WriteRanef(IReadOnlyList<string> names, IReadOnlyList<RandomEffectsTable> tables, string path)
    {
        var rows = new List<IReadOnlyList<object?>>();
        for (int t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            for (int c = 0; c < table.Columns.Count; c++)
                for (int g = 0; g < table.Levels.Count; g++)
                    rows.Add([names[t], table.Levels[g], table.Columns[c], table.Values[g, c], table.ConditionalSd?[g, c]]);
        }
        CsvTableWriter.Write(path, ["group", "level", "term", "value", "condsd"], rows);
    }

    private static void WriteCoef(IReadOnlyList<RandomEffectsTable> tables, string path)
    {
        var columns = tables.SelectMany(t => t.Columns).Distinct().ToList();
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var table in tables)
            for (int g = 0; g < table.Levels.Count; g++)
            {
                var row = new List<object?> { table.Group, table.Levels[g] };
                foreach (var column in columns)
                {
                    int c = IndexOf(table.Columns, column);
                    row.Add(c < 0 ? null : table.Values[g, c]);
                }
                rows.Add(row);
            }
        CsvTableWriter.Write(path, ["group", "level", .. columns], rows);
    }

    private static void WritePredictions(double[] predictions, string path) =>
        CsvTableWriter.Write(path, ["row", "prediction"], predictions.Select((p, i) => (IReadOnlyList<object?>)[i + 1, p]));

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}
