using System.Diagnostics;
using System.Globalization;
using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Variance;

// Times one residual-variance fit inside one process, as R times nlme and glmmTMB inside a running session:
// the CSV read, the first fit (including just-in-time compilation) and the median of warm fits, each as CPU time
// (user + system of the process) and elapsed time, with the evaluation count and the log-likelihood.
// Usage: dotnet run -c Release --project bench/variance/inprocess -- FILE FORMULA reml|ml VARIANCE [runs]
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: FILE FORMULA reml|ml VARIANCE [runs]");
    return 2;
}
string file = args[0], formula = args[1], variance = args[3];
var method = args[2] == "ml" ? EstimationMethod.MaximumLikelihood : EstimationMethod.Reml;
int runs = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5;
var options = new LinearMixedModelOptions { Method = method, Variance = VarianceFunction.Parse(variance) };

var (read, data) = Timed(() => CsvReader.ReadFile(file));
var (first, fit) = Timed(() => LinearMixedModel.Fit(formula, data, options));
var warm = new List<(double Cpu, double Elapsed)>();
for (int r = 0; r < runs; r++) warm.Add(Timed(() => LinearMixedModel.Fit(formula, data, options)).Time);
double Median(IEnumerable<double> v) { var s = v.OrderBy(x => x).ToArray(); return s[s.Length / 2]; }
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{Path.GetFileName(file)} {args[2]} {variance}: read cpu {read.Cpu:F3} s; first fit cpu {first.Cpu:F3} s ({first.Elapsed:F3} s); " +
    $"warm fit cpu {Median(warm.Select(w => w.Cpu)):F3} s ({Median(warm.Select(w => w.Elapsed)):F3} s); " +
    $"evaluations {fit.Optimization?.Evaluations}; logLik {fit.LogLikelihood:R}"));
return 0;

static ((double Cpu, double Elapsed) Time, T Value) Timed<T>(Func<T> action)
{
    var process = Process.GetCurrentProcess();
    var cpu0 = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var value = action();
    watch.Stop();
    process.Refresh();
    return ((( process.TotalProcessorTime - cpu0).TotalSeconds, watch.Elapsed.TotalSeconds), value);
}
