namespace MixedEffects.Inference;

/// <summary>The parameter estimates of each bootstrap replicate: <c>Replicates[r][k]</c> is parameter <c>Names[k]</c> in replicate r.</summary>
internal sealed record BootstrapReplicates(string[] Names, double[][] Replicates);
