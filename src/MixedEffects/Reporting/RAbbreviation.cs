using System.Text;

namespace MixedEffects.Reporting;

/// <summary>
/// R's <c>abbreviate(names, minlength)</c> (method "left.kept", use.classes = TRUE): drop lower-case vowels from
/// the right, then lower-case letters, then any characters not starting a word, until the name is short enough;
/// names that collide are abbreviated again with a larger minimum length.
/// </summary>
internal static class RAbbreviation
{
    /// <summary>Abbreviates each name as R does, keeping the results distinct.</summary>
    public static string[] Abbreviate(IReadOnlyList<string> names, int minLength)
    {
        var trimmed = names.Select(n => n.Trim(' ')).ToArray();
        var unique = trimmed.Distinct(StringComparer.Ordinal).ToArray();
        var result = new string[unique.Length];
        var redo = Enumerable.Repeat(true, unique.Length).ToArray();
        int length = minLength;
        while (true)
        {
            for (int i = 0; i < unique.Length; i++)
                if (redo[i]) result[i] = Strip(unique[i], length);
            var duplicated = Duplicated(result);
            if (!duplicated.Any(d => d)) break;
            length++;
            var dupValues = new HashSet<string>(result.Where((_, i) => duplicated[i]), StringComparer.Ordinal);
            for (int i = 0; i < unique.Length; i++) redo[i] = duplicated[i] || dupValues.Contains(result[i]);
            if (length > 10000) break;
        }
        var map = unique.Select((u, i) => (u, i)).ToDictionary(p => p.u, p => result[p.i], StringComparer.Ordinal);
        return trimmed.Select(t => map[t]).ToArray();
    }

    private static bool[] Duplicated(string[] values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return values.Select(v => !seen.Add(v)).ToArray();
    }

    /// <summary>One name shortened to about <paramref name="minLength"/> characters (R's C routine <c>stripchars</c>).</summary>
    internal static string Strip(string input, int minLength)
    {
        var b = new StringBuilder(input.TrimStart());
        if (b.Length < minLength) return Finish(b, minLength);
        int nspace = 0;
        int upper = b.Length - 1;
        bool trailing = true;
        for (int i = upper; i > 0; i--)
        {
            if (i < b.Length && b[i] == ' ')
            {
                if (trailing) b.Length = i;
                else nspace++;
            }
            else trailing = false;
            if (b.Length - nspace <= minLength) return Finish(b, minLength);
        }
        upper = b.Length - 1;
        Func<int, bool>[] passes =
        [
            i => IsLowerVowel(b, i) && IsLastChar(b, i),
            i => IsLowerVowel(b, i) && !IsFirstChar(b, i),
            i => char.IsAsciiLetterLower(b[i]) && IsLastChar(b, i),
            i => char.IsAsciiLetterLower(b[i]) && !IsFirstChar(b, i),
        ];
        foreach (var remove in passes)
        {
            for (int i = upper; i > 0; i--)
            {
                if (i < b.Length && remove(i)) b.Remove(i, 1);
                if (b.Length - nspace <= minLength) return Finish(b, minLength);
            }
        }
        upper = b.Length - 1;
        for (int i = upper; i > 0; i--)
        {
            if (i < b.Length && !IsFirstChar(b, i) && b[i] != ' ') b.Remove(i, 1);
            if (b.Length - nspace <= minLength) return Finish(b, minLength);
        }
        return Finish(b, minLength);
    }

    private static string Finish(StringBuilder b, int minLength)
    {
        if (b.Length > minLength)
            for (int i = b.Length - 1; i > 0; i--)
                if (b[i] == ' ') b.Remove(i, 1);
        return b.ToString();
    }

    private static bool IsLowerVowel(StringBuilder b, int i) => b[i] is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool IsFirstChar(StringBuilder b, int i) => b[i - 1] == ' ';

    private static bool IsLastChar(StringBuilder b, int i) => b[i - 1] != ' ' && (i + 1 >= b.Length || b[i + 1] == ' ');
}
