using System.Runtime.ExceptionServices;

namespace MixedEffects.Inference;

/// <summary>Parallel.For that rethrows the first failure itself rather than an AggregateException.</summary>
internal static class ParallelLoop
{
    public static void For(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
