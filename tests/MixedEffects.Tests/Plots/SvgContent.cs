using System.Xml.Linq;

namespace MixedEffects.Tests.Plots;

/// <summary>Reads a figure's SVG: its panels, and the points, lines and texts drawn in them, by element and colour.</summary>
internal sealed class SvgContent
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public SvgContent(string svg)
    {
        Root = XDocument.Parse(svg).Root!;
        Panels = Root.Elements(Svg + "svg").Where(e => (string?)e.Attribute("class") == "panel").ToList();
    }

    public XElement Root { get; }

    public IReadOnlyList<XElement> Panels { get; }

    /// <summary>Circles (OxyPlot draws markers as ellipses) filled with rgb(r,g,b).</summary>
    public static int Points(XElement scope, (int R, int G, int B) color) =>
        scope.Descendants(Svg + "ellipse").Count(e => Style(e).Contains($"fill:rgb({color.R},{color.G},{color.B})", StringComparison.Ordinal));

    /// <summary>Polylines stroked with rgb(r,g,b).</summary>
    public static int Lines(XElement scope, (int R, int G, int B) color) =>
        scope.Descendants(Svg + "polyline").Count(e => Style(e).Contains($"stroke:rgb({color.R},{color.G},{color.B})", StringComparison.Ordinal));

    public IEnumerable<string> Texts => Root.Descendants(Svg + "text").Select(t => t.Value);

    private static string Style(XElement e) => (string?)e.Attribute("style") ?? "";
}
