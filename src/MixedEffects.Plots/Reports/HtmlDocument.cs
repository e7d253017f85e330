using System.Net;
using System.Text;

namespace MixedEffects.Plots.Reports;

/// <summary>
/// A self-contained HTML page built section by section: inline CSS, figures as inline SVG, no script, font or
/// external reference of any kind.
/// </summary>
public sealed class HtmlDocument
{
    private const string Style = """
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:24px auto;max-width:1280px;color:#222;padding:0 16px}
        h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:3px;margin-top:32px}
        h3{font-size:15px;margin:18px 0 6px}
        pre{background:#f7f7f7;border:1px solid #e3e3e3;padding:10px;overflow-x:auto;font-size:12px;line-height:1.35}
        table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
        th{background:#f0f3f7}td:first-child,th:first-child{text-align:left}
        figure{margin:12px 0 24px;overflow-x:auto}figcaption{font-size:12px;color:#555;margin-top:4px}
        .meta{color:#555;font-size:13px}.figure{display:block;max-width:none}
        """;

    private readonly StringBuilder _body = new();
    private int _figures;

    /// <summary>Starts a page with a title (also its first heading) and a line under it.</summary>
    public HtmlDocument(string title, string? subtitle = null)
    {
        Title = title;
        _body.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        if (subtitle is not null) _body.Append("<p class=\"meta\">").Append(Encode(subtitle)).Append("</p>\n");
    }

    /// <summary>The page's title.</summary>
    public string Title { get; }

    /// <summary>Number of figures added.</summary>
    public int FigureCount => _figures;

    /// <summary>Adds a section heading (level 2) or sub-heading (level 3).</summary>
    public HtmlDocument Heading(string text, int level = 2)
    {
        _body.Append($"<h{level}>").Append(Encode(text)).Append($"</h{level}>\n");
        return this;
    }

    /// <summary>Adds a paragraph.</summary>
    public HtmlDocument Paragraph(string text)
    {
        _body.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Adds preformatted text (a printed summary).</summary>
    public HtmlDocument Preformatted(string text)
    {
        _body.Append("<pre>").Append(Encode(text)).Append("</pre>\n");
        return this;
    }

    /// <summary>Adds a table with a header row.</summary>
    public HtmlDocument Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("<table>\n<tr>");
        foreach (var h in header) _body.Append("<th>").Append(Encode(h)).Append("</th>");
        _body.Append("</tr>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row) _body.Append("<td>").Append(Encode(cell)).Append("</td>");
            _body.Append("</tr>\n");
        }
        _body.Append("</table>\n");
        return this;
    }

    /// <summary>Adds a figure as inline SVG with its title (and note) as caption.</summary>
    public HtmlDocument Figure(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        string svg = figure.ToSvg($"f{_figures++}");
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..]
            .Replace(" xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal)
            .Replace(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "", StringComparison.Ordinal);
        _body.Append("<figure>\n").Append(svg).Append("\n<figcaption>").Append(Encode(figure.Title));
        if (figure.Note is not null) _body.Append(". ").Append(Encode(figure.Note));
        _body.Append("</figcaption>\n</figure>\n");
        return this;
    }

    /// <summary>The page as HTML text.</summary>
    public override string ToString() =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{Encode(Title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n{_body}</body>\n</html>\n";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
