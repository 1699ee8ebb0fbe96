using System.Security.Claims;
using LessonReview.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Accounts;

/// <summary>
/// Identity's claims (id, e-mail as the user name, role, security stamp) plus the display name
/// others see and the person's language and time zone. Identity rebuilds them whenever it re-validates a session, so a renamed user or a
/// changed role reaches open sessions too.
/// </summary>
public sealed class UserClaims(UserManager<User> users, RoleManager<Role> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, Role>(users, roles, options)
{
    public const string DisplayName = "lessonreview:name";
    public const string Language = "lessonreview:language";
    public const string TimeZone = "lessonreview:time-zone";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.Name));
        if (user.Language is { } language) identity.AddClaim(new Claim(Language, language));
        if (user.TimeZone is { } zone) identity.AddClaim(new Claim(TimeZone, zone));
        return identity;
    }
}
