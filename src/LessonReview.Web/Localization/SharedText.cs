namespace LessonReview.Web.Localization;

/// <summary>
/// The words of pages, API problem details and exports. The English sentence is the key (the
/// ASP.NET Core convention), so English needs no resource file; <c>SharedText.ja.resx</c> holds
/// the Japanese. A sentence with values is a template (<c>L["… {0} …", value]</c>) so that the
/// translation can put the value where Japanese word order needs it.
/// </summary>
public sealed class SharedText;

/// <summary>
/// The words the page scripts show (wwwroot/js, through <c>t("…")</c> in text.js). Kept apart
/// from <see cref="SharedText"/> so each page carries only these to the browser (_Layout writes
/// them into the page as JSON); <c>ScriptText.ja.resx</c> holds the Japanese.
/// </summary>
public sealed class ScriptText;
