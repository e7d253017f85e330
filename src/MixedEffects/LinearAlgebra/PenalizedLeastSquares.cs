using MixedEffects.Design;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// One penalized weighted least-squares problem min ||W^1/2 (z - X beta - Z Lambda u)||^2 + ||u||^2 whose weights
/// and response change (the steps of penalized iteratively reweighted least squares): reweightable cross products
/// and their factor. Not thread-safe.
/// </summary>
internal sealed class PenalizedLeastSquares
{
    public PenalizedLeastSquares(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<double[]> xColumns, int rowCount)
    {
        Products = new BlockedCrossProducts(terms, xColumns, rowCount);
        Factor = Products.CreateFactor();
    }

    /// <summary>The cross products of the last <see cref="Reweight"/>.</summary>
    public BlockedCrossProducts Products { get; }

    /// <summary>The factor of the last <see cref="Update"/>.</summary>
    public BlockedCholeskyFactor Factor { get; }

    /// <summary>Sets the weights and the (working) response.</summary>
    public void Reweight(double[] weights, ReadOnlySpan<double> response) => Products.Reweight(weights, response);

    /// <summary>Factors the current cross products at theta; false when not positive definite.</summary>
    public bool Update(ReadOnlySpan<double> theta) => Factor.Update(theta);

    /// <summary>eta = baseline + Z Lambda u for spherical effects u (term order), Lambda at the theta of the last <see cref="Update"/>.</summary>
    public void LinearPredictor(ReadOnlySpan<double> baseline, ReadOnlySpan<double> u, double[] eta) =>
        LinearAlgebra.LinearPredictor.SetSpherical(eta, baseline, Products.Terms, Factor, u);

    /// <summary>The conditional modes u (term order) and the fixed effects beta from the current factor.</summary>
    public void Solve(Span<double> u, Span<double> beta) => Factor.Solve(u, beta);
}
