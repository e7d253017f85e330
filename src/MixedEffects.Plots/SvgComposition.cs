using System.Globalization;
using System.Xml.Linq;
using OxyPlot;

namespace MixedEffects.Plots;

/// <summary>
/// Writes a figure's panels with OxyPlot's SVG exporter and places them in one SVG document: each panel is a nested
/// <c>&lt;svg class="panel"&gt;</c> at its grid position, with its element ids prefixed so they stay unique in a page.
/// </summary>
internal static class SvgComposition
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string Compose(Figure figure, IReadOnlyList<PlotModel> panels, string idPrefix)
    {
        var root = new XElement(Svg + "svg",
            new XAttribute("width", figure.Width), new XAttribute("height", figure.Height),
            new XAttribute("viewBox", $"0 0 {figure.Width} {figure.Height}"),
            new XAttribute("class", "figure"), new XAttribute("role", "img"),
            new XElement(Svg + "title", figure.Title));
        for (int i = 0; i < panels.Count; i++)
        {
            var panel = Panel(panels[i], figure.PanelWidth, figure.PanelHeight, $"{idPrefix}-p{i}-");
            panel.SetAttributeValue("x", (i % figure.Columns * figure.PanelWidth).ToString(CultureInfo.InvariantCulture));
            panel.SetAttributeValue("y", (i / figure.Columns * figure.PanelHeight).ToString(CultureInfo.InvariantCulture));
            panel.SetAttributeValue("class", "panel");
            root.Add(panel);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).ToString();
    }

    private static XElement Panel(PlotModel model, int width, int height, string prefix)
    {
        var exporter = new SvgExporter { Width = width, Height = height, IsDocument = false };
        var element = XElement.Parse(exporter.ExportToString(model).TrimStart('\uFEFF'));
        foreach (var e in element.DescendantsAndSelf())
        {
            if (e.Attribute("id") is { } id) id.Value = prefix + id.Value;
            foreach (var a in e.Attributes().Where(a => a.Value.Contains("url(#", StringComparison.Ordinal)))
                a.Value = a.Value.Replace("url(#", "url(#" + prefix, StringComparison.Ordinal);
        }
        element.SetAttributeValue("version", null);
        return element;
    }
}
