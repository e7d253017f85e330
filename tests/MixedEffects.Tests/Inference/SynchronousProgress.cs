namespace MixedEffects.Tests.Inference;

/// <summary>An IProgress that records every report immediately (thread-safe), unlike Progress&lt;T&gt; which posts later.</summary>
internal sealed class SynchronousProgress(List<int> sink) : IProgress<int>
{
    public void Report(int value)
    {
        lock (sink) sink.Add(value);
    }
}
