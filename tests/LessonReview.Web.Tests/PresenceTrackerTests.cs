using LessonReview.Web.Realtime;

namespace LessonReview.Web.Tests;

/// <summary>Who is shown "watching now": this instance's viewers and what other instances announced.</summary>
public sealed class PresenceTrackerTests
{
    private static readonly DateTime T0 = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Viewer Mentor = new(Guid.NewGuid(), "Sato", "mentor");
    private static readonly Viewer Coordinator = new(Guid.NewGuid(), "Ito", "coordinator");
    private static readonly Viewer Trainee = new(Guid.NewGuid(), "Alex", "trainee");

    [Fact]
    public void An_instance_that_falls_silent_has_its_viewers_forgotten_and_the_review_reported_changed()
    {
        var presence = new PresenceTracker();
        var review = Guid.NewGuid();
        var other = Guid.NewGuid();
        presence.Join(review, "local-connection", Trainee);
        presence.SetRemote(review, "crashed", [Mentor], T0);
        presence.SetRemote(other, "alive", [Coordinator], T0);
        presence.Heard("alive", T0.AddSeconds(40));

        var changed = presence.ForgetInstancesSilentSince(T0.AddSeconds(30));

        Assert.Equal([review], changed);
        Assert.Equal([Trainee], presence.Everyone(review));
        Assert.Equal([Coordinator], presence.Everyone(other));
        Assert.Empty(presence.ForgetInstancesSilentSince(T0.AddSeconds(30))); // nothing left to forget
    }

    [Fact]
    public void An_instance_still_heard_from_keeps_its_viewers()
    {
        var presence = new PresenceTracker();
        var review = Guid.NewGuid();
        presence.SetRemote(review, "busy", [Mentor], T0);
        presence.Heard("busy", T0.AddSeconds(50));

        Assert.Empty(presence.ForgetInstancesSilentSince(T0.AddSeconds(30)));
        Assert.Equal([Mentor], presence.Everyone(review));
    }

    [Fact]
    public void One_person_in_two_tabs_or_on_two_instances_is_listed_once()
    {
        var presence = new PresenceTracker();
        var review = Guid.NewGuid();
        presence.Join(review, "tab-1", Mentor);
        presence.Join(review, "tab-2", Mentor);
        presence.SetRemote(review, "b", [Mentor, Coordinator], T0);

        Assert.Equal([Coordinator, Mentor], presence.Everyone(review)); // by name
        presence.Leave(review, "tab-1");
        Assert.Contains(Mentor, presence.Everyone(review));
    }
}
