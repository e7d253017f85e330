using System.Text;

namespace MixedEffects.Reporting;

/// <summary>
/// The first line(s) of lme4's summary (<c>.prt.methTit</c>): "title ['class']", or, when that is wider than
/// 80 characters, the title wrapped at 78 (continuation lines indented by 2) followed by " [class]", broken
/// as R's <c>cat(..., fill = TRUE)</c> breaks it.
/// </summary>
internal static class LinearMixedModelSummaryTitle
{
    private const int Width = 80;

    /// <summary>The title lines.</summary>
    public static IReadOnlyList<string> Lines(string title, string className)
    {
        if (title.Length + 5 + className.Length <= Width) return [$"{title} ['{className}']"];
        var items = Wrap(title, Width - 2, 2).ToList();
        items.AddRange([" [", className, "]"]);
        var lines = new List<string>();
        var current = new StringBuilder();
        for (int k = 0; k < items.Count; k++)
        {
            if (k > 0 && current.Length + items[k].Length > Width)
            {
                lines.Add(current.ToString());
                current.Clear();
            }
            current.Append(items[k]);
        }
        if (current.Length > 0) lines.Add(current.ToString());
        return lines;
    }

    /// <summary>R's <c>strwrap(text, width, exdent)</c> for one paragraph: lines shorter than <paramref name="width"/>.</summary>
    private static IEnumerable<string> Wrap(string text, int width, int exdent)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var line = new StringBuilder();
        foreach (var word in words)
        {
            if (line.Length > 0 && line.Length + 1 + word.Length >= width)
            {
                yield return line.ToString();
                line.Clear().Append(' ', exdent);
            }
            if (line.Length > 0 && line.ToString().Trim().Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}
