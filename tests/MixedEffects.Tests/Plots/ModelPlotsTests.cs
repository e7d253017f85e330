using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Plots;
using Xunit;

namespace MixedEffects.Tests.Plots;

/// <summary>The figures of a fitted model checked by content: panels, one point per observation or level, intervals, axis titles.</summary>
public class ModelPlotsTests
{
    private static readonly (int, int, int) Data = (0x55, 0x6b, 0x8a);
    private static readonly (int, int, int) Mixed = (0x1f, 0x4e, 0x9c);
    private static readonly (int, int, int) Interval = (0x4a, 0x6f, 0xa5);
    private static readonly Lazy<(LinearMixedModelFit Fit, Dataset Data)> Sleep = new(() =>
    {
        var data = Datasets.Load("sleepstudy");
        return (LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", data), data);
    });

    private static ModelPlots SleepPlots => Sleep.Value.Fit.Plot(Sleep.Value.Data);

    [Fact]
    public void PoolingPlotHasAPanelPerSubjectAndAPointPerObservation()
    {
        var svg = new SvgContent(SleepPlots.Pooling().ToSvg());
        Assert.Equal(18, svg.Panels.Count);
        Assert.All(svg.Panels, p => Assert.Equal(10, SvgContent.Points(p, Data)));
        // one line of each kind per panel; one panel's key adds a symbol for each
        Assert.All(svg.Panels, p => Assert.InRange(SvgContent.Lines(p, Mixed), 1, 2));
        Assert.Equal(18 + 1, svg.Panels.Sum(p => SvgContent.Lines(p, Mixed)));
        Assert.Equal(18 + 1, svg.Panels.Sum(p => SvgContent.Lines(p, (0xc0, 0x39, 0x2b))));
        Assert.Equal(18 + 1, svg.Panels.Sum(p => SvgContent.Lines(p, (0x2e, 0x8b, 0x57))));
        Assert.Contains("Days", svg.Texts);
        Assert.Contains("Reaction", svg.Texts);
        Assert.Contains("308", svg.Texts);
    }

    [Fact]
    public void PoolingWithoutOverlaysDrawsOnlyTheMixedLine()
    {
        var svg = new SvgContent(SleepPlots.Pooling(new PoolingOptions { CompletePooling = false, NoPooling = false, MaxPanels = 4 }).ToSvg());
        Assert.Equal(4, svg.Panels.Count);
        Assert.All(svg.Panels, p => Assert.Equal(0, SvgContent.Lines(p, (0xc0, 0x39, 0x2b))));
    }

    [Fact]
    public void CaterpillarHasOneIntervalPerLevelInEachTermsPanel()
    {
        var figure = SleepPlots.Caterpillar();
        var svg = new SvgContent(figure.ToSvg());
        Assert.Equal(2, svg.Panels.Count);
        Assert.All(svg.Panels, p => Assert.Equal(18, SvgContent.Points(p, Mixed)));
        Assert.All(svg.Panels, p => Assert.Equal(18, SvgContent.Lines(p, Interval)));
        Assert.Contains("Subject", svg.Texts);
        Assert.Contains("(Intercept)", svg.Texts);
        Assert.Contains("Days", svg.Texts);
    }

    [Fact]
    public void ResidualPlotsHaveAPointPerObservation()
    {
        var plots = SleepPlots;
        Assert.Equal(180, SvgContent.Points(new SvgContent(plots.ResidualsVsFitted().ToSvg()).Root, Mixed));
        Assert.Equal(180, SvgContent.Points(new SvgContent(plots.ResidualQq().ToSvg()).Root, Mixed));
        var ranef = new SvgContent(plots.RandomEffectsQq().ToSvg());
        Assert.Equal(2, ranef.Panels.Count);
        Assert.All(ranef.Panels, p => Assert.Equal(18, SvgContent.Points(p, Mixed)));
        var byGroup = new SvgContent(plots.ResidualsByGroup().ToSvg());
        Assert.Contains("Subject", byGroup.Texts);
        Assert.Contains("Residuals", byGroup.Texts);
    }

    [Fact]
    public void ShrinkageHasAPointPerGroupForEachEstimate()
    {
        var svg = new SvgContent(SleepPlots.Shrinkage().ToSvg());
        // one point per subject for each estimate, and one legend symbol each
        Assert.Equal(18 + 1, SvgContent.Points(svg.Root, Mixed));
        Assert.Equal(18 + 1, SvgContent.Points(svg.Root, (0x2e, 0x8b, 0x57)));
        Assert.Contains("(Intercept)", svg.Texts);
        Assert.Contains("Days", svg.Texts);
    }

    [Fact]
    public void ProfilePlotsHaveAPanelPerParameter()
    {
        var plots = SleepPlots;
        var profiles = plots.Profiles();
        var zeta = new SvgContent(plots.ProfileZeta(profiles).ToSvg());
        Assert.Equal(6, zeta.Panels.Count);
        Assert.Contains("sigma", zeta.Texts);
        var deviance = new SvgContent(plots.ProfileDeviance("sd_(Intercept)|Subject", profiles).ToSvg());
        Assert.Contains("sd_(Intercept)|Subject", deviance.Texts);
        Assert.Throws<PlotException>(() => plots.ProfileDeviance("nope", profiles));
    }

    [Fact]
    public void PngIsAnImageOfTheFiguresSize()
    {
        var png = SleepPlots.Caterpillar().ToPng();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        Assert.Equal(660, width);
    }

    [Fact]
    public void GeneralizedPlotsBinTheResidualsAndShowEachHerd()
    {
        var data = Datasets.Load("cbpp");
        var fit = GeneralizedLinearMixedModel.Fit("cbind(incidence, size - incidence) ~ period + (1 | herd)", data);
        var plots = fit.Plot(data);
        // 56 observations give 10 bins (arm's binnedplot), plus the legend's symbol
        Assert.Equal(10 + 1, SvgContent.Points(new SvgContent(plots.BinnedResiduals().ToSvg()).Root, Mixed));
        var byHerd = new SvgContent(plots.FittedByGroup().ToSvg());
        Assert.Equal(15, byHerd.Panels.Count);
        Assert.Equal(56 + 1, byHerd.Panels.Sum(p => SvgContent.Points(p, Data)));
        Assert.Contains("period", byHerd.Texts);
        Assert.Throws<PlotException>(() => plots.Shrinkage());
    }

    [Fact]
    public void WrongDataOrFileNameIsAPlotError()
    {
        Assert.ThrowsAny<MixedEffectsException>(() => Sleep.Value.Fit.Plot(Datasets.Load("dyestuff")));
        Assert.Throws<PlotException>(() => SleepPlots.Caterpillar().Save("figure.jpg"));
        Assert.Throws<PlotException>(() => SleepPlots.Caterpillar("Batch"));
    }
}
