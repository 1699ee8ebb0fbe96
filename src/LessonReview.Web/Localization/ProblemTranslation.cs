using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Localization;

/// <summary>
/// Every problem details answer in the asker's language: its title and detail are looked up in
/// <see cref="SharedText"/> as the last step of writing it. Fixed sentences need nothing more where
/// they are made; sentences with values come as a <see cref="Message"/> (template and values), or
/// are translated where they are made, and a translated sentence is not a key, so it passes through.
/// </summary>
public static class ProblemTranslation
{
    public static void Translate(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        // A message with values brought its template along (Message.Problem); it is not for the client.
        var template = problem.Extensions.Remove(Message.TemplateKey, out var t) ? t as string : null;
        var values = problem.Extensions.Remove(Message.ValuesKey, out var v) ? v as object[] : null;
        if (problem.Title is null && problem.Detail is null) return;
        // The exception handler and status-code pages run outside the localization middleware,
        // whose culture does not flow back out; the culture it chose stays on the request.
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture;
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedText>>();
        var previous = CultureInfo.CurrentUICulture;
        if (culture is not null) CultureInfo.CurrentUICulture = culture;
        try
        {
            if (problem.Title is { } title) problem.Title = text[title];
            if (template is not null && values is not null) problem.Detail = text[template, values];
            else if (problem.Detail is { } detail) problem.Detail = text[detail];
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }
}
