namespace MixedEffects.Cli;

/// <summary>A number already formatted for a CSV cell (written unquoted, as given).</summary>
/// <param name="Text">The number's text, e.g. "0.25" or "1e-08".</param>
internal readonly record struct CsvNumber(string Text);
