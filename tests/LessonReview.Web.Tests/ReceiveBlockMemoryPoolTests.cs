using LessonReview.Web.Hosting;
using LessonReview.Web.Tests.Support;

namespace LessonReview.Web.Tests;

/// <summary>The 64 KB receive blocks Kestrel's socket transport reads uploads into.</summary>
public sealed class ReceiveBlockMemoryPoolTests
{
    [Fact]
    public void Blocks_are_the_configured_size_whatever_smaller_size_is_asked_for()
    {
        using var pool = new ReceiveBlockMemoryPool(64 * 1024);
        using var small = pool.Rent(2048);
        using var any = pool.Rent();
        Assert.Equal((64 * 1024, 64 * 1024), (small.Memory.Length, any.Memory.Length));
    }

    [Fact]
    public void A_returned_block_is_reused_and_a_double_return_does_not_hand_it_out_twice()
    {
        using var pool = new ReceiveBlockMemoryPool(8192);
        var first = pool.Rent();
        first.Memory.Span[0] = 42;
        first.Dispose();
        first.Dispose(); // pipes should not, but a second dispose must not queue the block twice

        using var again = pool.Rent();
        using var other = pool.Rent();
        Assert.Same(first, again);
        Assert.NotSame(again, other);
        Assert.Equal(0, pool.Idle);
    }

    [Fact]
    public void Idle_blocks_beyond_the_cap_go_back_to_the_garbage_collector()
    {
        using var pool = new ReceiveBlockMemoryPool(4096);
        var rented = Enumerable.Range(0, ReceiveBlockMemoryPool.MaxRetained + 50).Select(_ => pool.Rent()).ToList();
        rented.ForEach(b => b.Dispose());
        Assert.Equal(ReceiveBlockMemoryPool.MaxRetained, pool.Idle);
    }

    [Fact]
    public void Asking_for_more_than_a_block_is_refused()
    {
        using var pool = new ReceiveBlockMemoryPool(4096);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(4097));
    }

    [Fact]
    public void A_block_size_too_small_to_be_useful_stops_start_up_with_the_key_named()
    {
        var error = Assert.ThrowsAny<Exception>(() => AppHost.With(new() { ["Server:ReceiveBlockSize"] = "1000" }).Dispose());
        Assert.Contains("Server:ReceiveBlockSize", error.ToString());
    }
}
