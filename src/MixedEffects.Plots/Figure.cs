using OxyPlot;

namespace MixedEffects.Plots;

/// <summary>
/// A drawn figure: one panel or a grid of panels (small multiples, filled row by row), each an OxyPlot model,
/// written as SVG or PNG. Immutable once made.
/// </summary>
public sealed class Figure
{
    private readonly PlotModel[] _panels;

    internal Figure(string title, IReadOnlyList<PlotModel> panels, int columns, int panelWidth, int panelHeight, string? note = null)
    {
        if (panels.Count == 0) throw new PlotException($"'{title}' has nothing to draw");
        Title = title;
        _panels = panels.ToArray();
        Columns = Math.Min(columns, _panels.Length);
        PanelWidth = panelWidth;
        PanelHeight = panelHeight;
        Note = note;
    }

    /// <summary>The figure's title, e.g. "Caterpillar plot: Subject".</summary>
    public string Title { get; }

    /// <summary>A remark on what is drawn (e.g. that only the first groups are shown), or null.</summary>
    public string? Note { get; }

    /// <summary>Number of panels.</summary>
    public int PanelCount => _panels.Length;

    /// <summary>Panels per row.</summary>
    public int Columns { get; }

    /// <summary>Rows of panels.</summary>
    public int Rows => (_panels.Length + Columns - 1) / Columns;

    /// <summary>Width of one panel in pixels.</summary>
    public int PanelWidth { get; }

    /// <summary>Height of one panel in pixels.</summary>
    public int PanelHeight { get; }

    /// <summary>Width of the figure in pixels.</summary>
    public int Width => Columns * PanelWidth;

    /// <summary>Height of the figure in pixels.</summary>
    public int Height => Rows * PanelHeight;

    /// <summary>
    /// The figure as an SVG document. <paramref name="idPrefix"/> prefixes every element id (clip paths), so several
    /// figures can be inlined in one HTML page.
    /// </summary>
    public string ToSvg(string idPrefix = "fig") => SvgComposition.Compose(this, _panels, idPrefix);

    /// <summary>The figure as PNG bytes at <paramref name="scale"/> times its pixel size.</summary>
    public byte[] ToPng(float scale = 1f) => PngComposition.Compose(this, _panels, scale);

    /// <summary>Writes the figure to <paramref name="path"/>: SVG for <c>.svg</c>, PNG for <c>.png</c>.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            switch (extension)
            {
                case ".svg": File.WriteAllText(path, ToSvg()); break;
                case ".png": File.WriteAllBytes(path, ToPng()); break;
                default: throw new PlotException($"cannot write a figure to '{path}': the file name must end in .svg or .png");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlotException($"cannot write '{path}': {e.Message}");
        }
    }
}
