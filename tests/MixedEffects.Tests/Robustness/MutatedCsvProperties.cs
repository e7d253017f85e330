using System.Text;
using CsCheck;
using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Tests.Data;
using MixedEffects.Tests.Design;
using Xunit;

namespace MixedEffects.Tests.Robustness;

/// <summary>
/// Mutated data files (stray quotes, delimiters, line breaks, invalid UTF-8 bytes, special values spliced into a
/// valid file): reading and fitting either succeed or stop with a <see cref="MixedEffectsException"/>.
/// </summary>
public class MutatedCsvProperties
{
    private static readonly byte[][] Splices =
    [
        "\""u8.ToArray(), ","u8.ToArray(), ";"u8.ToArray(), "\n"u8.ToArray(), "\r"u8.ToArray(), "\t"u8.ToArray(),
        "NA"u8.ToArray(), "Inf"u8.ToArray(), "-Inf"u8.ToArray(), "abc"u8.ToArray(), "1,5"u8.ToArray(), "\"\""u8.ToArray(),
        [0xE9], [0xFF, 0xFE], [0xC3], [0x00], "\u00e9"u8.ToArray(), "1e999"u8.ToArray(),
    ];

    private static byte[] BaseFile()
    {
        var data = ModelMatrixGolden.Data;
        var text = new StringBuilder("y,x,z,f,g\n");
        for (int i = 0; i < data.RowCount; i++)
            text.Append(string.Join(",", data.Columns.Select(c => c.FormatValue(i)))).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Mutate(byte[] original, int[] choices)
    {
        var bytes = original.ToList();
        for (int k = 0; k + 1 < choices.Length; k += 2)
        {
            var splice = Splices[choices[k] % Splices.Length];
            bytes.InsertRange(choices[k + 1] % (bytes.Count + 1), splice);
        }
        return bytes.ToArray();
    }

    [Fact]
    public void MutatedFilesAreReadAndFittedOrStopWithAUserError()
    {
        var original = BaseFile();
        Gen.Int[0, 100000].Array[2, 12].Sample(choices =>
        {
            using var file = new TemporaryFile("m.csv", Mutate(original, choices));
            var thrown = FormulaLimitsTests.OnSmallStack(() =>
            {
                var data = CsvReader.ReadFile(file.Path);
                LinearMixedModel.Fit("y ~ x + f + (1 | g)", data);
            });
            if (thrown is not null and not MixedEffectsException)
                throw new Xunit.Sdk.XunitException($"threw {thrown.GetType().Name}: {thrown.Message}");
        }, iter: 300, threads: 1, print: choices => Encoding.Latin1.GetString(Mutate(original, choices)));
    }
}
