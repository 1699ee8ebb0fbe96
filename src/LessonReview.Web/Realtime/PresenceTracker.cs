namespace LessonReview.Web.Realtime;

/// <summary>
/// Who is watching each review on this instance, by connection (one person may have two tabs).
/// </summary>
public sealed class PresenceTracker
{
    private readonly Dictionary<Guid, Dictionary<string, Viewer>> _byReview = new();
    private readonly Lock _lock = new();

    /// <returns>The review's viewers after the change.</returns>
    public IReadOnlyList<Viewer> Join(Guid reviewId, string connectionId, Viewer viewer)
    {
        lock (_lock)
        {
            if (!_byReview.TryGetValue(reviewId, out var connections)) _byReview[reviewId] = connections = new();
            connections[connectionId] = viewer;
            return Distinct(connections);
        }
    }

    public IReadOnlyList<Viewer> Leave(Guid reviewId, string connectionId)
    {
        lock (_lock)
        {
            if (!_byReview.TryGetValue(reviewId, out var connections)) return [];
            connections.Remove(connectionId);
            if (connections.Count == 0) _byReview.Remove(reviewId);
            return Distinct(connections);
        }
    }

    /// <summary>Removes a closed connection everywhere; returns the reviews it was watching.</summary>
    public IReadOnlyList<Guid> LeaveAll(string connectionId)
    {
        lock (_lock)
        {
            return _byReview.Where(r => r.Value.ContainsKey(connectionId)).Select(r => r.Key).ToList();
        }
    }

    private static List<Viewer> Distinct(Dictionary<string, Viewer> connections) =>
        connections.Values.DistinctBy(v => v.UserId).OrderBy(v => v.Name).ToList();
}
