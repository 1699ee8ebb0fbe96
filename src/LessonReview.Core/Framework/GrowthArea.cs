namespace LessonReview.Core.Framework;

/// <summary>
/// One area of the programme's growth framework (the standard mentors educate against): classroom
/// English, team teaching with the JTE, lesson structure, student engagement… in English and
/// Japanese, with levels and what each level looks like. Mentors tag comments with an area and rate
/// each area when a review moves to follow-up; trainees see their levels across lessons.
/// </summary>
public sealed class GrowthArea
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public string NameJa { get; set; } = "";
    /// <summary>The order coordinators gave the areas.</summary>
    public int Position { get; set; }
    /// <summary>Retired areas keep their tags and ratings (a trainee's history) but are no longer offered or required.</summary>
    public DateTime? ArchivedAt { get; set; }
    public List<GrowthLevel> Levels { get; set; } = [];
}

/// <summary>A level of an area (1 = beginning … the highest), with what it looks like in a lesson.</summary>
public sealed class GrowthLevel
{
    public Guid AreaId { get; set; }
    public int Level { get; set; }
    public required string Descriptor { get; set; }
    public string DescriptorJa { get; set; } = "";
}

/// <summary>A mentor's rating of one area in one review (given before follow-up); one per area and review, the last one stands.</summary>
public sealed class AreaRating
{
    public Guid ReviewId { get; set; }
    public Guid AreaId { get; set; }
    public int Level { get; set; }
    public Guid RatedById { get; set; }
    public DateTime RatedAt { get; set; }
}
