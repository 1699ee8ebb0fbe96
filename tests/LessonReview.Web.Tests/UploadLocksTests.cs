using LessonReview.Web.Uploads;

namespace LessonReview.Web.Tests;

/// <summary>One writer per upload; the table of gates empties when nobody writes.</summary>
public sealed class UploadLocksTests
{
    [Fact]
    public async Task A_second_writer_waits_then_gives_up_while_the_first_still_writes()
    {
        var locks = new UploadLocks();
        var id = Guid.NewGuid();
        using var first = await locks.TryAcquireAsync(id, TimeSpan.Zero, CancellationToken.None);

        var second = await locks.TryAcquireAsync(id, TimeSpan.FromMilliseconds(50), CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(await locks.TryAcquireAsync(Guid.NewGuid(), TimeSpan.Zero, CancellationToken.None)); // other uploads are not held up
    }

    [Fact]
    public async Task A_waiting_writer_gets_the_upload_when_the_first_finishes()
    {
        var locks = new UploadLocks();
        var id = Guid.NewGuid();
        var first = await locks.TryAcquireAsync(id, TimeSpan.Zero, CancellationToken.None);
        var waiting = locks.TryAcquireAsync(id, TimeSpan.FromSeconds(10), CancellationToken.None);

        first!.Dispose();
        first.Dispose(); // twice must not let a third writer in alongside the second

        using var second = await waiting;
        Assert.NotNull(second);
        Assert.Null(await locks.TryAcquireAsync(id, TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Finished_uploads_leave_nothing_behind()
    {
        var locks = new UploadLocks();
        for (var i = 0; i < 100; i++)
        {
            var id = Guid.NewGuid();
            using var writer = await locks.TryAcquireAsync(id, TimeSpan.Zero, CancellationToken.None);
            Assert.Null(await locks.TryAcquireAsync(id, TimeSpan.Zero, CancellationToken.None));
        }
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            locks.TryAcquireAsync(Guid.NewGuid(), TimeSpan.FromSeconds(1), new CancellationToken(canceled: true)));

        Assert.Equal(0, locks.Count);
    }
}
