using OxyPlot;
using OxyPlot.SkiaSharp;
using SkiaSharp;

namespace MixedEffects.Plots;

/// <summary>Renders a figure's panels with OxyPlot's SkiaSharp renderer onto one bitmap at their grid positions and encodes it as PNG.</summary>
internal static class PngComposition
{
    public static byte[] Compose(Figure figure, IReadOnlyList<PlotModel> panels, float scale)
    {
        if (!(scale > 0 && scale <= 8)) throw new PlotException($"the PNG scale must be between 0 and 8, got {scale}");
        int width = (int)Math.Ceiling(figure.Width * scale), height = (int)Math.Ceiling(figure.Height * scale);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var context = new SkiaRenderContext { RenderTarget = RenderTarget.PixelGraphic, SkCanvas = canvas, DpiScale = scale })
        {
            canvas.Clear(SKColors.White);
            for (int i = 0; i < panels.Count; i++)
            {
                IPlotModel model = panels[i];
                model.Update(true);
                canvas.Save();
                canvas.Translate(i % figure.Columns * figure.PanelWidth * scale, i / figure.Columns * figure.PanelHeight * scale);
                model.Render(context, new OxyRect(0, 0, figure.PanelWidth, figure.PanelHeight));
                canvas.Restore();
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
