using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LessonReview.Core.Accounts;
using LessonReview.Core.Processing;
using LessonReview.Core.Reviews;
using LessonReview.TestSupport;
using LessonReview.Web.Localization;

namespace LessonReview.Web.Tests.Localization;

/// <summary>
/// Nothing a person reads bypasses the Japanese resources: every word the pages, the API's problem
/// details, the exports and the page scripts show has a translation, with the same values in it.
/// Found in the source the way a reviewer would look: L["…"] in pages, t("…") in scripts, and
/// every sentence-like string literal in the web app's C# (operator-only messages excepted).
/// </summary>
public sealed partial class TranslationCoverageTests
{
    private static readonly string Web = Path.Combine(Repository.Root, "src", "LessonReview.Web");

    private static Dictionary<string, string> Resource(string name) =>
        XDocument.Load(Path.Combine(Web, "Localization", name)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static IEnumerable<string> Files(string pattern) =>
        Directory.EnumerateFiles(Web, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                        && !f.Contains("node_modules") && !f.Contains($"wwwroot{Path.DirectorySeparatorChar}lib"));

    [Fact]
    public void Every_page_word_and_every_sentence_of_the_web_app_has_a_japanese_translation()
    {
        var japanese = Resource("SharedText.ja.resx");
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Files("*.cshtml"))
            foreach (Match m in PageKey().Matches(File.ReadAllText(file))) used.Add(Unescape(m.Groups[1].Value));
        // Not the app's words: the command line speaks to operators, and the demo programme's comments are what its people typed.
        foreach (var file in Files("*.cs").Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Commands{Path.DirectorySeparatorChar}") && Path.GetFileName(f) != "DemoProgramme.cs"))
            foreach (var literal in SentenceLiterals(File.ReadAllText(file))) used.Add(literal);
        // Stored values people see as words.
        foreach (var word in Roles.All.Select(Words.Role).Concat(CommentKinds.All.Select(Words.Kind)).Concat(ReviewStages.All).Concat(ActionItemStatus.All))
            used.Add(word);

        var missing = used.Where(k => !japanese.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "No Japanese in Localization/SharedText.ja.resx for:\n" + string.Join("\n", missing));
        // Resource names are unique regardless of case: "Comment" and "comment" cannot both be keys.
        var clashes = japanese.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Keys that differ only in case (one of them is lost):\n" + string.Join("\n", clashes));
        Assert.True(used.Count > 200, $"Only {used.Count} texts found: the scan is not seeing the source.");
    }

    [Fact]
    public void Every_word_the_page_scripts_show_has_a_japanese_translation()
    {
        var japanese = Resource("ScriptText.ja.resx");
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Files("*.js"))
            foreach (Match m in ScriptKey().Matches(File.ReadAllText(file))) used.Add(Unescape(m.Groups[1].Value));
        // Shown from data (t(stage), t(role), t(status)) and sent by the server over the hub (t(m.message)).
        foreach (var word in Roles.All.Concat(ReviewStages.All).Concat(ActionItemStatus.All)) used.Add(word);
        used.Add(LessonReview.Web.Realtime.HubSessionCheck.EndedMessage);
        used.Add(LessonReview.Web.Realtime.HubReviewEventPublisher.NoLongerMentorMessage);

        var missing = used.Where(k => !japanese.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "No Japanese in Localization/ScriptText.ja.resx for:\n" + string.Join("\n", missing));
        var clashes = japanese.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Keys that differ only in case (one of them is lost):\n" + string.Join("\n", clashes));
        Assert.True(used.Count > 50, $"Only {used.Count} texts found: the scan is not seeing the scripts.");
    }

    [Theory]
    [InlineData("SharedText.ja.resx")]
    [InlineData("ScriptText.ja.resx")]
    public void Each_translation_keeps_the_values_of_its_english(string resource)
    {
        var wrong = Resource(resource)
            .Where(e => e.Value.Trim().Length == 0 || !Placeholders(e.Key).SetEquals(Placeholders(e.Value)))
            .Select(e => $"{e.Key} → {e.Value}").ToList();
        Assert.True(wrong.Count == 0, "Empty, or values missing or added:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Sentences_with_values_reach_people_as_templates_not_as_interpolated_english()
    {
        // $"… {x} …" handed to a problem helper could never be translated: it must be new Message("… {0} …", x).
        var offenders = Files("*.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => InterpolatedProblem().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void Every_reason_processing_gives_a_trainee_has_japanese_and_keeps_its_values_apart()
    {
        // Lesson.Error holds a template and its values (FailureReason), so the lesson page can say it in Japanese.
        var japanese = Resource("SharedText.ja.resx");
        var reasons = new List<string> { ProcessingWorker.FailedTimes, ProcessingWorker.InterruptedTooOften, ChunkJob.PartFailed };
        var media = Path.Combine(Repository.Root, "src", "LessonReview.Media");
        foreach (var file in Directory.EnumerateFiles(media, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            var source = File.ReadAllText(file);
            Assert.False(InterpolatedReason().IsMatch(source), $"{Path.GetFileName(file)}: an UnplayableMediaException with interpolated English; pass a template and its values");
            foreach (Match thrown in ThrownReason().Matches(source)) reasons.Add(SentenceLiterals(source[thrown.Index..]).First());
        }

        Assert.True(reasons.Count >= 10, $"Only {reasons.Count} reasons found: the scan is not seeing the media code.");
        var missing = reasons.Where(r => !japanese.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "No Japanese in Localization/SharedText.ja.resx for these processing failures:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex(@"new UnplayableMediaException\(\s*\$")]
    private static partial Regex InterpolatedReason();

    [GeneratedRegex(@"new UnplayableMediaException\(\s*""")]
    private static partial Regex ThrownReason();

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    /// <summary>
    /// Plain string literals of a C# file that read as sentences for a person: they start with a
    /// capital, have a space, and end a sentence. Comments, interpolated and verbatim strings are
    /// skipped, and so are lines that speak to operators (start-up errors, logs, health checks).
    /// </summary>
    internal static IEnumerable<string> SentenceLiterals(string source)
    {
        var lines = source.Split('\n');
        var lineStarts = new List<int> { 0 };
        for (var k = 0; k < source.Length; k++) if (source[k] == '\n') lineStarts.Add(k + 1);
        string LineAt(int position)
        {
            var index = lineStarts.BinarySearch(position);
            return lines[index < 0 ? ~index - 1 : index];
        }

        var found = new List<string>();
        var pending = new StringBuilder();
        var pendingAt = -1;
        var pendingEnd = 0;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '/' && i + 1 < source.Length && source[i + 1] == '/') { i = source.IndexOf('\n', i) is var e and >= 0 ? e : source.Length; continue; }
            if (c == '/' && i + 1 < source.Length && source[i + 1] == '*') { i = source.IndexOf("*/", i, StringComparison.Ordinal) + 2; continue; }
            if (c == '\'' ) { var m = CharLiteral().Match(source, i); if (m.Success && m.Index == i) { i += m.Length; continue; } }
            if ((c == '$' || c == '@') && i + 1 < source.Length && source[i + 1] is '"' or '$' or '@') { i = SkipSpecialString(source, i); continue; }
            if (c == '"')
            {
                var j = i + 1;
                var value = new StringBuilder();
                while (source[j] != '"') { if (source[j] == '\\') { value.Append(source, j, 2); j += 2; } else value.Append(source[j++]); }
                // "a" + "b": one sentence split over lines.
                var continues = pendingAt >= 0 && source[pendingEnd..i].Trim() == "+";
                if (!continues) { Flush(); pendingAt = i; }
                pending.Append(Unescape(value.ToString()));
                pendingEnd = j + 1;
                i = j + 1;
                continue;
            }
            i++;
        }
        Flush();
        return found;

        void Flush()
        {
            if (pendingAt < 0) return;
            var text = pending.ToString();
            var line = LineAt(pendingAt);
            if (SentenceLike().IsMatch(text) && !OperatorLine().IsMatch(line)) found.Add(text);
            pending.Clear();
            pendingAt = -1;
        }
    }

    private static int SkipSpecialString(string s, int i)
    {
        var verbatim = false;
        while (s[i] is '$' or '@') { verbatim |= s[i] == '@'; i++; }
        i++; // opening quote
        var depth = 0;
        while (i < s.Length)
        {
            if (!verbatim && s[i] == '\\') { i += 2; continue; }
            if (s[i] == '{') depth++;
            else if (s[i] == '}') depth--;
            else if (s[i] == '"' && depth > 0) { i = s.IndexOf('"', i + 1) + 1; continue; }
            else if (s[i] == '"') return i + 1;
            i++;
        }
        return i;
    }

    private static string Unescape(string s) => s.Replace("\\\"", "\"").Replace("\\\\", "\\").Replace("\\n", "\n");

    [GeneratedRegex(@"\bL\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex PageKey();

    [GeneratedRegex(@"\bt\(""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ScriptKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"'(\\.|[^'\\])'")]
    private static partial Regex CharLiteral();

    [GeneratedRegex(@"^[A-Z({].*\s.*([.?:]$|\.\s)", RegexOptions.Singleline)]
    private static partial Regex SentenceLike();

    [GeneratedRegex(@"InvalidOperationException|ArgumentException|ArgumentOutOfRange|Log(Information|Warning|Error|Debug)|Unhealthy|WithSummary|WithName|WithTags|\.Validate\(|GeneratedRegex")]
    private static partial Regex OperatorLine();

    [GeneratedRegex(@"\b(BadRequest|Forbidden|Conflict|Status|Problem|Message)\(\s*(\w+,\s*)?\$""")]
    private static partial Regex InterpolatedProblem();
}
