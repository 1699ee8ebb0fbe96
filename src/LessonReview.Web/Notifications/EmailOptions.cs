namespace LessonReview.Web.Notifications;

/// <summary>Configuration section "Email": how notifications are mailed. With no Email:Smtp:Host nothing is mailed (the in-app list still fills).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender, e.g. "LessonReview &lt;lessonreview@school.example.jp&gt;".</summary>
    public string From { get; set; } = "";

    /// <summary>The address people open LessonReview at (https://lessonreview.example.org): links in mails start with it.</summary>
    public string SiteUrl { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The first retry waits this long after a failed send; each next one twice as long, up to an hour.</summary>
    public int RetrySeconds { get; set; } = 30;

    /// <summary>After this many failed attempts a mail is given up (about two days with the defaults) and logged.</summary>
    public int MaxAttempts { get; set; } = 60;

    public bool Enabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>Stops the app at start-up, with what to change, when mail is on and a setting is wrong.</summary>
    public void Check()
    {
        if (!Enabled) return;
        if (Smtp.Port is < 1 or > 65535)
            throw new InvalidOperationException("Email:Smtp:Port must be a port number (587 for submission with STARTTLS, 465 for TLS, 25).");
        if (!MimeKit.MailboxAddress.TryParse(From, out _))
            throw new InvalidOperationException("Email:From must be the sender's address, e.g. \"LessonReview <lessonreview@school.example.jp>\".");
        if (!Uri.TryCreate(SiteUrl, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https"))
            throw new InvalidOperationException("Email:SiteUrl must be the address people open LessonReview at (e.g. https://lessonreview.example.org): links in mails start with it.");
        if (RetrySeconds < 1 || MaxAttempts < 1)
            throw new InvalidOperationException("Email:RetrySeconds and Email:MaxAttempts must each be 1 or more.");
    }

    /// <summary>An absolute link for a mail.</summary>
    public string Link(string path) => SiteUrl.TrimEnd('/') + path;
}

public sealed class SmtpOptions
{
    /// <summary>The mail server; empty turns e-mail off.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    /// <summary>Empty: no authentication.</summary>
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    /// <summary>True: TLS (implicit on port 465, STARTTLS otherwise), required. False: plain (a relay on the same network or a test server).</summary>
    public bool UseTls { get; set; } = true;
}
