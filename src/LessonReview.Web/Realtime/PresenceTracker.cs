namespace LessonReview.Web.Realtime;

/// <summary>
/// Who is watching each review: this instance's viewers by connection (one person may have two
/// tabs), and, with several instances, the latest list each other instance announced. An instance
/// that stops being heard from (it crashed, or lost its database connection) has its viewers
/// forgotten, so nobody is shown "watching now" for ever (see PresenceHeartbeat).
/// </summary>
public sealed class PresenceTracker
{
    /// <summary>Identifies this instance in presence announcements.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    private readonly Dictionary<Guid, Dictionary<string, Viewer>> _local = new();
    private readonly Dictionary<Guid, Dictionary<string, IReadOnlyList<Viewer>>> _remote = new();
    private readonly Dictionary<string, DateTime> _lastHeard = new();
    private readonly Lock _lock = new();

    /// <returns>This instance's viewers of the review after the change.</returns>
    public IReadOnlyList<Viewer> Join(Guid reviewId, string connectionId, Viewer viewer)
    {
        lock (_lock)
        {
            if (!_local.TryGetValue(reviewId, out var connections)) _local[reviewId] = connections = new();
            connections[connectionId] = viewer;
            return Distinct(connections.Values);
        }
    }

    public IReadOnlyList<Viewer> Leave(Guid reviewId, string connectionId)
    {
        lock (_lock)
        {
            if (!_local.TryGetValue(reviewId, out var connections)) return [];
            connections.Remove(connectionId);
            if (connections.Count == 0) _local.Remove(reviewId);
            return Distinct(connections.Values);
        }
    }

    /// <summary>This instance's connections watching the review, with who is behind each.</summary>
    public IReadOnlyList<(string ConnectionId, Viewer Viewer)> ConnectionsOf(Guid reviewId)
    {
        lock (_lock) return _local.TryGetValue(reviewId, out var connections) ? connections.Select(c => (c.Key, c.Value)).ToList() : [];
    }

    /// <summary>Every review this instance has viewers of, with those viewers (to announce them again).</summary>
    public IReadOnlyList<(Guid ReviewId, IReadOnlyList<Viewer> Viewers)> AllLocal()
    {
        lock (_lock) return _local.Select(r => (r.Key, (IReadOnlyList<Viewer>)Distinct(r.Value.Values))).ToList();
    }

    /// <summary>The reviews a closing connection was watching.</summary>
    public IReadOnlyList<Guid> ReviewsOf(string connectionId)
    {
        lock (_lock) return _local.Where(r => r.Value.ContainsKey(connectionId)).Select(r => r.Key).ToList();
    }

    /// <summary>Records another instance's viewers of a review.</summary>
    public void SetRemote(Guid reviewId, string instanceId, IReadOnlyList<Viewer> viewers, DateTime now)
    {
        lock (_lock)
        {
            _lastHeard[instanceId] = now;
            if (!_remote.TryGetValue(reviewId, out var instances)) _remote[reviewId] = instances = new();
            if (viewers.Count == 0) instances.Remove(instanceId); else instances[instanceId] = viewers;
            if (instances.Count == 0) _remote.Remove(reviewId);
        }
    }

    /// <summary>Another instance said it is alive.</summary>
    public void Heard(string instanceId, DateTime now)
    {
        lock (_lock) _lastHeard[instanceId] = now;
    }

    /// <summary>Forgets the viewers of instances not heard from since <paramref name="cutoff"/>.</summary>
    /// <returns>The reviews whose list of viewers changed.</returns>
    public IReadOnlyList<Guid> ForgetInstancesSilentSince(DateTime cutoff)
    {
        lock (_lock)
        {
            var silent = _lastHeard.Where(i => i.Value < cutoff).Select(i => i.Key).ToHashSet();
            if (silent.Count == 0) return [];
            foreach (var instance in silent) _lastHeard.Remove(instance);
            var changed = new List<Guid>();
            foreach (var (reviewId, instances) in _remote.ToList())
            {
                if (!instances.Keys.Any(silent.Contains)) continue;
                foreach (var instance in silent) instances.Remove(instance);
                if (instances.Count == 0) _remote.Remove(reviewId);
                changed.Add(reviewId);
            }
            return changed;
        }
    }

    /// <summary>Everyone watching the review, on every instance.</summary>
    public IReadOnlyList<Viewer> Everyone(Guid reviewId)
    {
        lock (_lock)
        {
            var local = _local.TryGetValue(reviewId, out var connections) ? connections.Values : Enumerable.Empty<Viewer>();
            var remote = _remote.TryGetValue(reviewId, out var instances) ? instances.Values.SelectMany(v => v) : [];
            return Distinct(local.Concat(remote));
        }
    }

    private static List<Viewer> Distinct(IEnumerable<Viewer> viewers) =>
        viewers.DistinctBy(v => v.UserId).OrderBy(v => v.Name).ToList();
}
