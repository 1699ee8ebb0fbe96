namespace LessonReview.Core.Accounts;

/// <summary>
/// One signed-in browser: the sign-in cookie carries only <see cref="Id"/>, the ticket lives here,
/// so signing out (or disabling the account) ends the session on the server and a copied cookie stops working.
/// </summary>
public sealed class UserSession
{
    public required string Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The authentication ticket, serialized by the cookie handler's TicketSerializer.</summary>
    public required byte[] Ticket { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
