using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>Creates the <see cref="IContrastInference"/> of a df method for a fitted model.</summary>
public static class ContrastInference
{
    /// <summary>Satterthwaite, Kenward-Roger (REML fits only) or asymptotic inference for <paramref name="fit"/>.</summary>
    public static IContrastInference For(LinearMixedModelEstimates fit, DdfMethod method) => method switch
    {
        DdfMethod.Satterthwaite => Satterthwaite.For(fit),
        DdfMethod.KenwardRoger => KenwardRoger.For(fit),
        DdfMethod.Asymptotic => AsymptoticInference.For(fit),
        _ => throw new ModelSpecificationException($"unknown degrees-of-freedom method '{method}'"),
    };
}
