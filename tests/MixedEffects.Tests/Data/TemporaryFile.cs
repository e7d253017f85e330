namespace MixedEffects.Tests.Data;

/// <summary>A file in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class TemporaryFile : IDisposable
{
    private readonly string _directory;

    public TemporaryFile(string fileName, byte[] content)
    {
        _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mixedeffects-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, fileName);
        File.WriteAllBytes(Path, content);
    }

    public TemporaryFile(string fileName, string content)
        : this(fileName, new System.Text.UTF8Encoding(false).GetBytes(content)) { }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
