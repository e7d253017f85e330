using System.Runtime.CompilerServices;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// One kind of block of every supernode of a blocked factor (its front or its dense coupling rows, rows x s) in one
/// array, supernode after supernode: tens of thousands of small blocks without an object for each.
/// </summary>
internal sealed class BlockValues
{
    private readonly int[] _offsets;

    /// <param name="offsets">Per supernode, the index of its first value, and the total at the end (kept, not copied).</param>
    public BlockValues(int[] offsets)
    {
        _offsets = offsets;
        Values = new double[offsets[^1]];
    }

    /// <summary>All values, supernode after supernode.</summary>
    public double[] Values { get; }

    /// <summary>Number of supernodes.</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>The values of supernode <paramref name="k"/>.</summary>
    public Span<double> this[int k]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Values.AsSpan(_offsets[k], _offsets[k + 1] - _offsets[k]);
    }

    /// <summary>Storage of the same shape, all zero.</summary>
    public BlockValues Empty() => new(_offsets);

    /// <summary>A copy of the values.</summary>
    public BlockValues Copy()
    {
        var copy = new BlockValues(_offsets);
        Values.CopyTo(copy.Values, 0);
        return copy;
    }

    /// <summary>Sets every value to zero.</summary>
    public void Clear() => Array.Clear(Values);
}
