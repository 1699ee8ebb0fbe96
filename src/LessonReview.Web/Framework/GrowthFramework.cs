using LessonReview.Core.Data;
using LessonReview.Core.Framework;
using LessonReview.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Framework;

public sealed record LevelDto(int Level, string Descriptor, string DescriptorJa);

/// <param name="Archived">Retired: kept for history, no longer offered or required.</param>
public sealed record AreaDto(Guid Id, string Name, string NameJa, int Position, bool Archived, IReadOnlyList<LevelDto> Levels)
{
    /// <summary>The name in the reader's language (the English one when no Japanese was given).</summary>
    public string Label => Languages.Current == Languages.Japanese && NameJa.Length > 0 ? NameJa : Name;

    public string DescriptorOf(int level) => Levels.FirstOrDefault(l => l.Level == level) is { } found
        ? (Languages.Current == Languages.Japanese && found.DescriptorJa.Length > 0 ? found.DescriptorJa : found.Descriptor) : "";
}

public sealed record FrameworkDto(IReadOnlyList<AreaDto> Areas);

/// <param name="NameJa">Optional: Japanese readers see the English name without it.</param>
public sealed record AreaRequest(string? Name, string? NameJa, List<LevelRequest>? Levels);

public sealed record LevelRequest(string? Descriptor, string? DescriptorJa);

/// <summary>The programme's growth framework: its areas and levels, kept by coordinators.</summary>
public sealed class GrowthFramework(LessonReviewDb db, TimeProvider clock)
{
    public const int MinLevels = 2, MaxLevels = 6, MaxAreas = 12;

    public async Task<FrameworkDto> ReadAsync(bool includeArchived, CancellationToken cancellationToken)
    {
        var areas = await db.GrowthAreas.AsNoTracking().Include(a => a.Levels)
            .Where(a => includeArchived || a.ArchivedAt == null).OrderBy(a => a.Position).ToListAsync(cancellationToken);
        return new FrameworkDto(areas.Select(Dto).ToList());
    }

    /// <summary>The areas in use (not archived), for checks.</summary>
    public Task<List<GrowthArea>> ActiveAsync(CancellationToken cancellationToken) =>
        db.GrowthAreas.AsNoTracking().Where(a => a.ArchivedAt == null).Include(a => a.Levels).OrderBy(a => a.Position).ToListAsync(cancellationToken);

    public async Task<(AreaDto? Area, Message? Problem)> AddAsync(AreaRequest request, CancellationToken cancellationToken)
    {
        if (Problem(request) is { } problem) return (null, problem);
        if (await db.GrowthAreas.CountAsync(a => a.ArchivedAt == null, cancellationToken) >= MaxAreas)
            return (null, new Message("The framework already has {0} areas; archive one before adding another.", MaxAreas));
        var position = await db.GrowthAreas.Select(a => (int?)a.Position).MaxAsync(cancellationToken) ?? 0;
        var area = new GrowthArea { Name = request.Name!.Trim(), NameJa = request.NameJa?.Trim() ?? "", Position = position + 1 };
        area.Levels = Levels(area.Id, request);
        db.GrowthAreas.Add(area);
        await db.SaveChangesAsync(cancellationToken);
        return (Dto(area), null);
    }

    /// <summary>Renames an area and rewrites its levels (ratings keep their numbers).</summary>
    public async Task<(AreaDto? Area, Message? Problem)> UpdateAsync(Guid id, AreaRequest request, CancellationToken cancellationToken)
    {
        var area = await db.GrowthAreas.Include(a => a.Levels).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null) return (null, NoSuchArea);
        if (Problem(request) is { } problem) return (null, problem);
        area.Name = request.Name!.Trim();
        area.NameJa = request.NameJa?.Trim() ?? "";
        db.GrowthLevels.RemoveRange(area.Levels);
        await db.SaveChangesAsync(cancellationToken);
        area.Levels = Levels(area.Id, request);
        db.GrowthLevels.AddRange(area.Levels);
        await db.SaveChangesAsync(cancellationToken);
        return (Dto(area), null);
    }

    /// <summary>Archives an area: its tags and ratings stay in the trainees' history.</summary>
    public async Task<bool> ArchiveAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.GrowthAreas.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ArchivedAt, a => a.ArchivedAt ?? now), cancellationToken) == 1;
    }

    /// <summary>Brings an archived area back into use (offered, required) with its history; refused when the framework is full.</summary>
    public async Task<(AreaDto? Area, Message? Problem)> RestoreAsync(Guid id, CancellationToken cancellationToken)
    {
        var area = await db.GrowthAreas.Include(a => a.Levels).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null) return (null, NoSuchArea);
        if (area.ArchivedAt is null) return (Dto(area), null);
        if (await db.GrowthAreas.CountAsync(a => a.ArchivedAt == null, cancellationToken) >= MaxAreas)
            return (null, new Message("The framework already has {0} areas; archive one before restoring another.", MaxAreas));
        area.ArchivedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return (Dto(area), null);
    }

    public static readonly Message NoSuchArea = "There is no such area in the growth framework. Reload to see the current areas.";

    public static AreaDto Dto(GrowthArea a) => new(a.Id, a.Name, a.NameJa, a.Position, a.ArchivedAt is not null,
        a.Levels.OrderBy(l => l.Level).Select(l => new LevelDto(l.Level, l.Descriptor, l.DescriptorJa)).ToList());

    private static List<GrowthLevel> Levels(Guid areaId, AreaRequest request) => request.Levels!
        .Select((l, i) => new GrowthLevel { AreaId = areaId, Level = i + 1, Descriptor = l.Descriptor!.Trim(), DescriptorJa = l.DescriptorJa?.Trim() ?? "" }).ToList();

    private static Message? Problem(AreaRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) return "Give the area a name, such as “Classroom English”.";
        if (request.Name.Trim().Length > 100 || request.NameJa?.Trim().Length > 100) return new Message("Keep an area's name to {0} characters.", 100);
        var levels = request.Levels ?? [];
        if (levels.Count is < MinLevels or > MaxLevels) return new Message("An area has from {0} to {1} levels; this one has {2}.", MinLevels, MaxLevels, levels.Count);
        if (levels.Any(l => string.IsNullOrWhiteSpace(l.Descriptor))) return "Describe each level (in English at least): what does it look like in a lesson?";
        if (levels.Any(l => l.Descriptor!.Trim().Length > 500 || l.DescriptorJa?.Trim().Length > 500)) return new Message("Keep each level's description to {0} characters.", 500);
        return null;
    }
}
