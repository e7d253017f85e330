namespace MixedEffects.Models;

/// <summary>The scale of predictions from a generalized model (R's <c>type</c> argument of <c>predict</c>).</summary>
public enum GlmmPredictionScale
{
    /// <summary>The linear predictor eta.</summary>
    Link,
    /// <summary>The mean mu = g^-1(eta): a probability or an expected count.</summary>
    Response,
}
