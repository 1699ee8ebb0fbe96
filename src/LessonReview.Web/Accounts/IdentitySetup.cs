using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Web.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace LessonReview.Web.Accounts;

/// <summary>ASP.NET Core Identity with LessonReview's cookie, lockout, session store and roles.</summary>
public static class IdentitySetup
{
    public static IServiceCollection AddLessonReviewIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new AccountsOptions();
        if (options.SessionCheckSeconds < 1 || options.MaxFailedSignIns < 1 || options.LockoutMinutes < 1 || options.SessionDays < 1
            || options.InvitationDays < 1 || options.PasswordResetHours < 1)
            throw new InvalidOperationException("Accounts:SessionCheckSeconds, MaxFailedSignIns, LockoutMinutes, SessionDays, InvitationDays and PasswordResetHours must each be 1 or more.");

        // Every instance signs and reads cookies and antiforgery tokens with the same keys, kept in the
        // database (so another deployment, with its own database, never accepts these cookies); with a
        // certificate they are encrypted there too.
        var dataProtection = services.AddDataProtection().SetApplicationName("LessonReview").PersistKeysToDbContext<LessonReviewDb>();
        if (DataProtectionCertificate(configuration) is { } certificate) dataProtection.ProtectKeysWithCertificate(certificate);

        services.AddIdentity<User, Role>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.User.AllowedUserNameCharacters = ""; // the user name is the e-mail address, whatever it holds
                identity.Password.RequiredLength = AccountService.MinimumPasswordLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = options.MaxFailedSignIns;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
            })
            .AddEntityFrameworkStores<LessonReviewDb>()
            .AddClaimsPrincipalFactory<UserClaims>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokenProvider>(PasswordLinks.InvitationProvider);
        // Both links carry the security stamp, which setting a password renews: each works once.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(options.PasswordResetHours));
        services.Configure<InvitationTokenProviderOptions>(o =>
        {
            o.Name = PasswordLinks.InvitationProvider;
            o.TokenLifespan = TimeSpan.FromDays(options.InvitationDays);
        });
        services.Configure<AccountsOptions>(configuration.GetSection(AccountsOptions.Section));
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(options.SessionCheckSeconds));

        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((cookie, store) =>
            {
                cookie.SessionStore = store;
                cookie.LoginPath = "/signin";
                cookie.Cookie.Name = "lessonreview";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromDays(options.SessionDays);
                // The API and hub answer 401/403; only pages redirect to the sign-in form.
                cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            });

        services.AddScoped<AccountService>();
        services.AddScoped<SignInService>();
        services.AddScoped<AccountPreferences>();
        services.AddScoped<PasswordLinks>();
        return services;
    }

    /// <summary>
    /// <c>DataProtection:Certificate</c>: a PFX, base64 (in Azure, a Key Vault certificate's secret,
    /// read by the app's managed identity), with <c>DataProtection:CertificatePassword</c> if it has one.
    /// </summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2? DataProtectionCertificate(IConfiguration configuration)
    {
        var encoded = configuration["DataProtection:Certificate"];
        if (string.IsNullOrWhiteSpace(encoded)) return null;
        try
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
                Convert.FromBase64String(encoded), configuration["DataProtection:CertificatePassword"]);
            return certificate.HasPrivateKey ? certificate
                : throw new InvalidOperationException("DataProtection:Certificate has no private key: export it as a PFX with its key.");
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"DataProtection:Certificate is not a base64 PFX the app can open (or the password is wrong): {e.Message}", e);
        }
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (LessonReviewHosting.IsApi(context.Request))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
