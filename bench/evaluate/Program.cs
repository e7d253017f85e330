using System.Diagnostics;
using System.Globalization;
using MixedEffects.Data;
using MixedEffects.Models;

// Times LinearMixedModelObjective.Evaluate in process: the design is built once, then the criterion is evaluated
// `evaluations` times at the start and at points around it (as an optimizer would), after a few warm-up calls.
// Prints elapsed and CPU (user + system of the process) milliseconds per evaluation and the bytes allocated per
// evaluation. `cholesky N REPEATS` times the dense Cholesky kernel alone on a matrix of order N.
// With 0 evaluations it prints the cost estimate only.
// With a fifth argument `gradient` it times the criterion with its analytic gradient instead.
// Usage: dotnet run -c Release --project bench/evaluate -- DATASET "FORMULA" [ml|reml] [evaluations] [gradient]
var culture = CultureInfo.InvariantCulture;
if (args[0] == "cholesky")
{
    DenseKernel.Time(int.Parse(args[1], culture), int.Parse(args[2], culture));
    return;
}
string data = args[0], formula = args[1];
var method = args.Length > 2 && args[2] == "ml" ? EstimationMethod.MaximumLikelihood : EstimationMethod.Reml;
int count = args.Length > 3 ? int.Parse(args[3], culture) : 20;
var phaseProcess = Process.GetCurrentProcess();
var phaseCpu = phaseProcess.TotalProcessorTime;
var phaseWatch = Stopwatch.StartNew();
var dataset = DatasetLoader.Load(data);
var loadElapsed = phaseWatch.Elapsed;
phaseProcess.Refresh();
var loadCpu = phaseProcess.TotalProcessorTime - phaseCpu;
var objective = LinearMixedModelObjective.Create(formula, dataset, new LinearMixedModelOptions { Method = method });
var buildElapsed = phaseWatch.Elapsed - loadElapsed;
phaseProcess.Refresh();
var buildCpu = phaseProcess.TotalProcessorTime - phaseCpu - loadCpu;
Console.WriteLine(objective.Cost);
Console.WriteLine(string.Create(culture,
    $"reading {loadElapsed.TotalMilliseconds:F0} ms elapsed, {loadCpu.TotalMilliseconds:F0} ms CPU | building {buildElapsed.TotalMilliseconds:F0} ms elapsed, {buildCpu.TotalMilliseconds:F0} ms CPU"));
if (count == 0) return;
var start = objective.Parameters.Start;
var points = Enumerable.Range(0, 8).Select(i => start.Select((v, j) => v * (1 + 0.05 * ((i + j) % 3 - 1))).ToArray()).ToArray();
double check = 0;
bool withGradient = args.Length > 4 && args[4] == "gradient";
var gradient = new double[start.Length];
double Criterion(double[] point) => withGradient ? objective.Evaluate(point, gradient) : objective.Evaluate(point);
for (int i = 0; i < 3; i++) check += Criterion(points[i % points.Length]);
var process = Process.GetCurrentProcess();
long allocated = GC.GetAllocatedBytesForCurrentThread();
var cpu = process.TotalProcessorTime;
var watch = Stopwatch.StartNew();
for (int i = 0; i < count; i++) check += Criterion(points[i % points.Length]);
watch.Stop();
process.Refresh();
double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
long bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
Console.WriteLine(string.Create(culture,
    $"{formula} | {count} evaluations{(withGradient ? " with gradient" : "")} | {watch.Elapsed.TotalMilliseconds / count:F3} ms elapsed | {cpuMs / count:F3} ms CPU | {bytes / count} bytes | criterion at start {objective.Evaluate(start):R}"));
