namespace MixedEffects.LinearAlgebra;

/// <summary>The register tile of the dense Cholesky's trailing update, by the vector width the processor offers.</summary>
internal enum DenseKernelShape
{
    /// <summary>Plain scalar code, 4 x 4 tiles (no vector hardware, or vectors switched off).</summary>
    Scalar,

    /// <summary>256-bit fused multiply-add, 6 x 8 tiles (AVX2 with FMA).</summary>
    Vector256,

    /// <summary>512-bit fused multiply-add, 8 x 16 tiles (AVX-512).</summary>
    Vector512,
}
