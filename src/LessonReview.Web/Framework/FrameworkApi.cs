using LessonReview.Core.Framework;
using LessonReview.Core.Reviews;
using LessonReview.Web.Hosting;
using LessonReview.Web.Localization;
using LessonReview.Web.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static LessonReview.Web.Reviews.ReviewProblems;

namespace LessonReview.Web.Framework;

/// <summary>The growth framework (read by everyone signed in, kept by coordinators) and a review's ratings.</summary>
public static class FrameworkApi
{
    public sealed record RatingRequest(Guid AreaId, int Level);
    public sealed record RatingsRequest(List<RatingRequest>? Ratings);

    public static IEndpointRouteBuilder MapFrameworkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/framework").WithTags("Framework").RequireAuthorization();
        api.MapGet("/", Read).WithName("GetFramework").WithSummary("The growth framework's areas and levels, in English and Japanese (includeArchived for history).");
        var manage = api.MapGroup("/areas").RequireAuthorization(Policies.Coordinator).RequireRateLimiting(RateLimits.Writes);
        manage.MapPost("/", Add).WithName("AddGrowthArea").WithSummary("Add an area with its levels (coordinators).");
        manage.MapPut("/{areaId:guid}", Update).WithName("UpdateGrowthArea").WithSummary("Rename an area and rewrite its levels (coordinators).");
        manage.MapDelete("/{areaId:guid}", Archive).WithName("ArchiveGrowthArea").WithSummary("Archive an area: no longer offered or required; its history stays (coordinators).");
        manage.MapPost("/{areaId:guid}/restore", Restore).WithName("RestoreGrowthArea").WithSummary("Bring an archived area back into use (coordinators); 409 when the framework is full.");
        app.MapGet("/api/users/{id:guid}/growth", Growth).WithTags("Framework").RequireAuthorization()
            .WithName("GetGrowth").WithSummary("A trainee's ratings across lessons, area by area (the trainee and coordinators).");
        app.MapPut("/api/reviews/{id:guid}/ratings", Rate).WithTags("Framework").RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithName("RateReview").WithSummary("Rate the review's areas (its mentors and coordinators; the trainee in a self-review); needed before follow-up.");
        return app;
    }

    private static async Task<Ok<FrameworkDto>> Read(bool? includeArchived, GrowthFramework framework, HttpContext http) =>
        TypedResults.Ok(await framework.ReadAsync(includeArchived ?? false, http.RequestAborted));

    private static async Task<Results<Created<AreaDto>, ProblemHttpResult>> Add(AreaRequest request, GrowthFramework framework, HttpContext http)
    {
        var (area, problem) = await framework.AddAsync(request, http.RequestAborted);
        return area is null ? problem!.Problem(400) : TypedResults.Created($"/api/framework/areas/{area.Id}", area);
    }

    private static async Task<Results<Ok<AreaDto>, ProblemHttpResult>> Update(Guid areaId, AreaRequest request, GrowthFramework framework, HttpContext http)
    {
        var (area, problem) = await framework.UpdateAsync(areaId, request, http.RequestAborted);
        return area is not null ? TypedResults.Ok(area) : problem!.Problem(problem == GrowthFramework.NoSuchArea ? 404 : 400);
    }

    private static async Task<Results<Ok<AreaDto>, ProblemHttpResult>> Restore(Guid areaId, GrowthFramework framework, HttpContext http)
    {
        var (area, problem) = await framework.RestoreAsync(areaId, http.RequestAborted);
        return area is not null ? TypedResults.Ok(area) : problem!.Problem(problem == GrowthFramework.NoSuchArea ? 404 : 409);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Archive(Guid areaId, GrowthFramework framework, HttpContext http) =>
        await framework.ArchiveAsync(areaId, http.RequestAborted) ? TypedResults.NoContent() : GrowthFramework.NoSuchArea.Problem(404);

    private static async Task<Results<Ok<IReadOnlyList<AreaGrowthDto>>, ProblemHttpResult>> Growth(Guid id, GrowthHistory history, HttpContext http)
    {
        var caller = Accounts.Caller.Of(http.User);
        if (caller.Id != id && !caller.IsCoordinator) return new Message("Only the trainee and coordinators see a trainee's growth.").Problem(403);
        return TypedResults.Ok(await history.OfAsync(id, includePrivate: caller.Id == id, http.RequestAborted));
    }

    private static async Task<Results<Ok<RatingsChangedDto>, ProblemHttpResult>> Rate(Guid id, RatingsRequest request, GrowthFramework framework, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        if (found.Role == ReviewRole.Trainee && found.Review.Kind != ReviewKinds.Self)
            return Forbidden("Mentors rate a review's areas; you see their ratings here and on your growth page.");
        var areas = (await framework.ActiveAsync(s.Aborted)).ToDictionary(a => a.Id);
        var ratings = request.Ratings ?? [];
        foreach (var rating in ratings)
        {
            if (!areas.TryGetValue(rating.AreaId, out var area)) return BadRequest(GrowthFramework.NoSuchArea);
            if (area.Levels.All(l => l.Level != rating.Level))
                return BadRequest(new Message("Rate “{0}” from 1 to {1}.", Label(area), area.Levels.Count));
        }
        var changed = await s.Changes.ApplyAsync(id, async (seq, now) =>
        {
            foreach (var rating in ratings.DistinctBy(r => r.AreaId))
            {
                await s.Db.AreaRatings.Where(r => r.ReviewId == id && r.AreaId == rating.AreaId).ExecuteDeleteAsync(s.Aborted);
                s.Db.AreaRatings.Add(new AreaRating { ReviewId = id, AreaId = rating.AreaId, Level = rating.Level, RatedById = s.Caller.Id, RatedAt = now });
            }
            await s.Db.SaveChangesAsync(s.Aborted);
            var dto = new RatingsChangedDto(id, await s.Reader.RatingsAsync(id, s.Aborted), s.Caller.Id, now, seq);
            return (dto, ReviewEventTypes.RatingsChanged, (object)dto);
        }, s.Aborted);
        return TypedResults.Ok(changed);
    }

    /// <summary>The areas of the framework a review still needs rated before follow-up (none when the framework is empty).</summary>
    public static async Task<List<string>> UnratedAsync(GrowthFramework framework, ReviewServices s, Guid reviewId)
    {
        var rated = await s.Db.AreaRatings.Where(r => r.ReviewId == reviewId).Select(r => r.AreaId).ToListAsync(s.Aborted);
        return (await framework.ActiveAsync(s.Aborted)).Where(a => !rated.Contains(a.Id)).Select(Label).ToList();
    }

    private static string Label(GrowthArea area) => GrowthFramework.Dto(area).Label;
}
