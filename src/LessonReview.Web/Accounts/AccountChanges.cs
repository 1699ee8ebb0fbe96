namespace LessonReview.Web.Accounts;

/// <summary>
/// Told when an account changed in a way open sessions must feel now (disabled, password reset,
/// role changed), so live connections are checked at once rather than at the next periodic check.
/// </summary>
public interface IAccountChanges
{
    Task ChangedAsync(Guid userId, CancellationToken cancellationToken = default);
}
