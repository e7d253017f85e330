using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MixedEffects.LinearAlgebra;

/// <summary>The shape this processor runs best, and the tile sizes of each shape.</summary>
internal static class DenseKernelShapes
{
    /// <summary>The widest shape the hardware accelerates (respects DOTNET_EnableAVX512F=0 and DOTNET_EnableHWIntrinsic=0).</summary>
    public static DenseKernelShape Best { get; } =
        Vector512.IsHardwareAccelerated ? DenseKernelShape.Vector512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? DenseKernelShape.Vector256
        : DenseKernelShape.Scalar;

    /// <summary>Rows of a register tile.</summary>
    public static int Rows(DenseKernelShape shape) => shape switch
    {
        DenseKernelShape.Vector512 => 8,
        DenseKernelShape.Vector256 => 6,
        _ => 4,
    };

    /// <summary>Columns of a register tile.</summary>
    public static int Columns(DenseKernelShape shape) => shape switch
    {
        DenseKernelShape.Vector512 => 16,
        DenseKernelShape.Vector256 => 8,
        _ => 4,
    };
}
