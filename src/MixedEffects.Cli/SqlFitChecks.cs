using System.CommandLine;
using MixedEffects.Sql;

namespace MixedEffects.Cli;

/// <summary>The checks of the options that choose and describe a SQL source (<c>--engine</c>, <c>--table</c>, <c>--query</c>).</summary>
internal static class SqlFitChecks
{
    /// <exception cref="CommandLineException">An option that does not fit the source, or a section a SQL fit does not compute.</exception>
    public static void Check(ParseResult parsed, FitOptionsParser parser, FitOptions options)
    {
        bool database = DatabaseSource.IsDatabaseUri(options.Data);
        foreach (var option in new Option[] { parser.Table, parser.Query })
            if (parsed.Given(option) && !database)
                throw new CommandLineException($"option '{option.Name}' needs DATA to be a database ({DatabaseSource.Forms})");
        if (database && (options.Table is null) == (options.Query is null))
            throw new CommandLineException("a database needs exactly one of '--table NAME' or '--query SQL'");
        if (database && options.Engine == "memory")
            throw new CommandLineException("'--engine memory' cannot read a database: drop '--engine'");
        if (!options.IsSql)
        {
            if (parsed.Given(parser.Timings)) throw new CommandLineException("option '--timings' needs a SQL fit (Parquet, '--engine duckdb' or a database)");
            return;
        }
        var unsupported = new Option[]
        {
            parser.Family, parser.Weights, parser.Variance, parser.Anova, parser.AnovaCsv, parser.Emmeans, parser.EmmeansCsv,
            parser.ContrastsCsv, parser.Trend, parser.JointTests, parser.Ranova, parser.R2, parser.Ci, parser.CoefsCsv, parser.Confint,
            parser.CompareCsv, parser.FittedCsv, parser.AugmentCsv, parser.Predict, parser.PredictCsv,
        };
        foreach (var option in unsupported)
            if (parsed.Given(option))
                throw new CommandLineException($"option '{option.Name}' is not available for a SQL fit yet (use '--engine memory' on data that fit in memory)");
    }
}
