using System.Text.Encodings.Web;
using System.Text.Json;

namespace MixedEffects.Reporting;

/// <summary>
/// Writes a <see cref="LinearMixedModelReport"/> as indented JSON with <see cref="Utf8JsonWriter"/> directly: the
/// fields in declaration order under their JSON names, absent optional sections left out, null numbers as
/// <c>null</c>, numbers in round-trip precision, text escaped only where JSON requires it. The output is the one
/// <see cref="JsonSerializer"/> gives for the report records (their <c>JsonPropertyName</c> and
/// <c>JsonIgnore</c> attributes), without the serializer's run-time reflection and start-up cost. Each record has a
/// method writing its fields; <c>Object</c>, <c>Objects</c> and <c>Property</c> put them in braces.
/// </summary>
internal static class ReportJsonWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report as indented JSON text (no trailing newline).</summary>
    public static string Write(LinearMixedModelReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Object(writer, report, Report);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Report(Utf8JsonWriter w, LinearMixedModelReport r)
    {
        w.WriteNumber("nobs", r.Nobs);
        w.WritePropertyName("ngroups");
        w.WriteStartObject();
        foreach (var (group, count) in r.Ngroups) w.WriteNumber(group, count);
        w.WriteEndObject();
        w.WriteString("method", r.Method);
        if (r.Family is not null) w.WriteString("family", r.Family);
        if (r.Link is not null) w.WriteString("link", r.Link);
        w.WriteBoolean("converged", r.Converged);
        w.WriteBoolean("singular", r.Singular);
        Strings(w, "warnings", r.Warnings);
        Number(w, "logLik", r.LogLik);
        Number(w, "AIC", r.Aic);
        Number(w, "BIC", r.Bic);
        Number(w, "REMLcrit", r.RemlCrit);
        Number(w, "deviance", r.Deviance);
        Number(w, "sigma", r.Sigma);
        w.WriteNumber("evaluations", r.Evaluations);
        Objects(w, "fixed", r.Fixed, FixedEffect);
        Objects(w, "random", r.Random, VarianceComponent);
        if (r.Ddf is not null) w.WriteString("ddf", r.Ddf);
        if (r.Level is not null) Number(w, "level", r.Level);
        if (r.Anova is not null) Objects(w, "anova", r.Anova, AnovaRow);
        if (r.Emmeans is not null) Property(w, "emmeans", r.Emmeans, Emmeans);
        if (r.Compare is not null) Property(w, "compare", r.Compare, Comparison);
        if (r.Intervals is not null) Objects(w, "intervals", r.Intervals, Interval);
        w.WriteNumber("droppedRows", r.DroppedRows);
        Strings(w, "droppedColumns", r.DroppedColumns);
        if (r.Optimizer is not null) Property(w, "optimizer", r.Optimizer, Optimizer);
    }

    private static void Optimizer(Utf8JsonWriter w, OptimizerReport o)
    {
        w.WriteString("name", o.Name);
        w.WriteNumber("evaluations", o.Evaluations);
        w.WriteNumber("checkEvaluations", o.CheckEvaluations);
        Numbers(w, "initial", o.Initial);
        Number(w, "initialValue", o.InitialValue);
        Numbers(w, "final", o.Final);
        Number(w, "finalValue", o.FinalValue);
        Numbers(w, "gradient", o.Gradient);
        Number(w, "maxScaledGradient", o.MaxScaledGradient);
        w.WriteString("returnCode", o.ReturnCode);
        w.WriteString("message", o.Message);
        w.WriteNumber("restarts", o.Restarts);
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<double?> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (v is double d) w.WriteNumberValue(d);
            else w.WriteNullValue();
        }
        w.WriteEndArray();
    }

    private static void FixedEffect(Utf8JsonWriter w, FixedEffectReport f)
    {
        Text(w, "term", f.Term);
        Number(w, "estimate", f.Estimate);
        Number(w, "se", f.Se);
        Number(w, "statistic", f.Statistic);
        Number(w, "df", f.Df);
        Number(w, "p", f.P);
        Number(w, "lower", f.Lower);
        Number(w, "upper", f.Upper);
    }

    private static void VarianceComponent(Utf8JsonWriter w, VarianceComponentReport v)
    {
        Text(w, "group", v.Group);
        Text(w, "term1", v.Term1);
        Text(w, "term2", v.Term2);
        Number(w, "vcov", v.Vcov);
        Number(w, "sdcor", v.Sdcor);
    }

    private static void AnovaRow(Utf8JsonWriter w, AnovaRowReport a)
    {
        Text(w, "term", a.Term);
        Number(w, "sumsq", a.SumSq);
        Number(w, "meansq", a.MeanSq);
        Number(w, "numdf", a.NumDf);
        Number(w, "dendf", a.DenDf);
        Number(w, "F", a.F);
        Number(w, "p", a.P);
    }

    private static void Emmeans(Utf8JsonWriter w, EmmeansReport e)
    {
        Text(w, "df_method", e.DfMethod);
        Objects(w, "grid", e.Grid, GridRow);
        Objects(w, "contrasts", e.Contrasts, Contrast);
        Text(w, "adjust", e.Adjust);
        Strings(w, "messages", e.Messages);
    }

    private static void GridRow(Utf8JsonWriter w, EmmeansGridRowReport g)
    {
        TextMap(w, "levels", g.Levels);
        Number(w, "emmean", g.Emmean);
        Number(w, "se", g.Se);
        Number(w, "df", g.Df);
        Number(w, "lower", g.Lower);
        Number(w, "upper", g.Upper);
    }

    private static void Contrast(Utf8JsonWriter w, EmmeansContrastReport c)
    {
        Text(w, "contrast", c.Contrast);
        TextMap(w, "by", c.By);
        Number(w, "estimate", c.Estimate);
        Number(w, "se", c.Se);
        Number(w, "df", c.Df);
        Number(w, "statistic", c.Statistic);
        Number(w, "p", c.P);
    }

    private static void Comparison(Utf8JsonWriter w, ModelComparisonReport c)
    {
        Number(w, "chisq", c.Chisq);
        w.WriteNumber("df", c.Df);
        Number(w, "p", c.P);
        Number(w, "logLik0", c.LogLik0);
        Number(w, "logLik1", c.LogLik1);
        w.WriteBoolean("refitted", c.Refitted);
        Strings(w, "messages", c.Messages);
        Objects(w, "rows", c.Rows, ComparisonRow);
    }

    private static void ComparisonRow(Utf8JsonWriter w, ModelComparisonRowReport m)
    {
        Text(w, "model", m.Model);
        Text(w, "formula", m.Formula);
        w.WriteNumber("npar", m.Npar);
        Number(w, "AIC", m.Aic);
        Number(w, "BIC", m.Bic);
        Number(w, "logLik", m.LogLik);
        Number(w, "deviance", m.Deviance);
        Number(w, "Chisq", m.Chisq);
        if (m.Df is int df) w.WriteNumber("Df", df);
        else w.WriteNull("Df");
        Number(w, "p", m.P);
    }

    private static void Interval(Utf8JsonWriter w, ConfidenceIntervalReport c)
    {
        Text(w, "parameter", c.Parameter);
        Number(w, "lower", c.Lower);
        Number(w, "upper", c.Upper);
        Text(w, "method", c.Method);
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string>? values) =>
        Array(w, name, values, (writer, value) => writer.WriteStringValue(value));

    private static void TextMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            if (value is null) w.WriteNull(key);
            else w.WriteString(key, value);
        }
        w.WriteEndObject();
    }

    private static void Property<T>(Utf8JsonWriter w, string name, T item, Action<Utf8JsonWriter, T> writeFields)
    {
        w.WritePropertyName(name);
        Object(w, item, writeFields);
    }

    private static void Object<T>(Utf8JsonWriter w, T item, Action<Utf8JsonWriter, T> writeFields)
    {
        w.WriteStartObject();
        writeFields(w, item);
        w.WriteEndObject();
    }

    private static void Objects<T>(Utf8JsonWriter w, string name, IReadOnlyList<T>? items, Action<Utf8JsonWriter, T> writeFields)
        where T : class =>
        Array(w, name, items, (writer, item) => Object(writer, item, writeFields));

    private static void Array<T>(Utf8JsonWriter w, string name, IReadOnlyList<T>? items, Action<Utf8JsonWriter, T> writeItem)
        where T : class
    {
        if (items is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            if (item is null) w.WriteNullValue();
            else writeItem(w, item);
        }
        w.WriteEndArray();
    }
}
