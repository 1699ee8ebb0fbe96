using System.Text;
using LessonReview.Web.Hosting;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Programme;

/// <summary>GET /api/programme and its trainees as CSV (coordinators).</summary>
public static class ProgrammeApi
{
    public static IEndpointRouteBuilder MapProgrammeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/programme").WithTags("Programme").RequireAuthorization(Policies.Coordinator);
        api.MapGet("/", Get).WithName("GetProgramme")
            .WithSummary("Reviews per stage, reviews waiting for a mentor, overdue action items, quiet trainees, mentors' response times; filter by school and mentor.");
        api.MapGet("/trainees.csv", Csv).WithName("ExportProgrammeCsv").WithSummary("One row per trainee (the same filters), as UTF-8 CSV.");
        return app;
    }

    private static async Task<Ok<ProgrammeDto>> Get(string? school, Guid? mentorId, ProgrammeSummary summary, ViewerTime time, HttpContext http) =>
        TypedResults.Ok(await summary.BuildAsync(school, mentorId, time.Today, http.RequestAborted));

    private static async Task<FileContentHttpResult> Csv(string? school, Guid? mentorId, ProgrammeSummary summary, ViewerTime time,
        IStringLocalizer<SharedText> t, HttpContext http)
    {
        var programme = await summary.BuildAsync(school, mentorId, time.Today, http.RequestAborted);
        var csv = new StringBuilder();
        CsvFile.Row(csv, t["Trainee"], t["E-mail"], t["School"], t["observe"], t["educate"], t["follow-up"], t["done"],
            t["Open action items"], t["Overdue action items"], t["Last review requested"], t["Quiet"]);
        foreach (var row in programme.Trainees)
            CsvFile.Row(csv, row.Name, row.Email, row.School ?? "", N(row.Reviews.Observe), N(row.Reviews.Educate), N(row.Reviews.FollowUp), N(row.Reviews.Done),
                N(row.OpenItems), N(row.OverdueItems), row.LastReviewAt is { } last ? time.DayOf(last).ToString("yyyy-MM-dd") : "", row.Quiet ? t["yes"] : t["no"]);
        return TypedResults.File(CsvFile.Bytes(csv), "text/csv; charset=utf-8", $"programme-{time.Today:yyyy-MM-dd}.csv");
    }

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
