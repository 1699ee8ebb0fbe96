namespace LessonReview.Web.Accounts;

/// <summary>Configuration section <c>Accounts</c>: sign-in sessions and lockout.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>
    /// How often an open session is checked against the account (security stamp): a changed role,
    /// a disabled account or a reset password reaches every open session within this many seconds.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 60;

    /// <summary>Wrong passwords in a row before sign-in is paused for the account.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long sign-in stays paused after too many wrong passwords.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a sign-in lasts without use (sliding).</summary>
    public int SessionDays { get; set; } = 14;

    /// <summary>How long an invitation's link to set a first password works.</summary>
    public int InvitationDays { get; set; } = 7;

    /// <summary>How long a password-reset link works.</summary>
    public int PasswordResetHours { get; set; } = 24;
}
