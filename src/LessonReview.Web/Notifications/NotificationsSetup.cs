namespace LessonReview.Web.Notifications;

/// <summary>Notifications in the app and by e-mail: options (checked at start-up), the outbox sender, the reminder scan.</summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddLessonReviewNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        (configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions()).Check();
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));

        services.AddScoped<Notifier>();
        services.AddScoped<NotificationsReader>();
        services.AddSingleton<MailSignal>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<MailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MailSender>());
        services.AddSingleton<ReminderScanner>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderScanner>());
        return services;
    }
}
